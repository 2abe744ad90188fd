import { isOptOut } from '../../../router/opt-out.js';
import type { PolicyCall } from './define-policy.js';
import { say } from './read-message.js';

export { isOptOut };

/**
 * The opt-out a customer asked for, recorded through the memory server's contact-bound `store_memory`
 * (a `preference` with `channel_preference: no_marketing`, which campaigns and workflows read before
 * sending). The same call whichever agent the message reached: an opt-out is never a retention case.
 */
export function recordOptOut(): PolicyCall {
  return {
    name: 'store_memory',
    args: {
      content: 'Cliente pediu para não receber mais mensagens promocionais (opt-out de marketing).',
      memory_type: 'preference',
      importance: 0.9,
      metadata: { source: 'customer_request', channel_preference: 'no_marketing' },
    },
  };
}

/** The confirmation of an opt-out (recorded, or passed on when the write failed), in the customer's language. */
export function optOutAnswer(message: string, name: string, recorded: boolean): string {
  return recorded
    ? say(
        message,
        `Pronto${name}, registrei que você não quer mais receber promoções. Você continua recebendo só mensagens sobre a sua conta. Desculpe o incômodo!`,
        `Done${name}, you will not receive promotional messages anymore — only messages about your account. Sorry for the bother!`,
        `Listo${name}, registré que ya no quieres recibir promociones. Solo te llegarán mensajes sobre tu cuenta. ¡Perdón por las molestias!`,
      )
    : say(
        message,
        `Entendido${name}: você não quer mais receber promoções. Já pedi ao time para tirar seu contato das listas; desculpe o incômodo!`,
        `Understood${name}: you do not want promotional messages anymore. I have asked the team to take you off our lists; sorry for the bother!`,
        `Entendido${name}: ya no quieres recibir promociones. Pedí al equipo que te saque de nuestras listas; ¡perdón por las molestias!`,
      );
}
