/**
 * The four sales agents in PT-BR and Spanish registers (WhatsApp shorthand, regionalisms, formal
 * e-mails), one rule each from test/fixtures/routing/README.md: a new lead's first contact → `sdr`;
 * price and plan questions → `sales_prospecting`; a hot lead's discount or payment terms →
 * `sales_negotiation`; "send the contract", "where do I sign" → `sales_closing`. Written on 2026-12-04;
 * never from a trust set's message.
 */
export const BROAD_SALES_LATAM: Readonly<Record<string, readonly string[]>> = {
  sdr: [
    'opa, blz? tenho uma loja de roupas e to procurando um sistema pra organizar os clientes',
    'bah, um parceiro me falou de vcs, como funciona isso aí?',
    'oi gente, sou nutricionista e atendo sozinha, serve pra mim?',
    'Prezados, represento uma rede de óticas e gostaríamos de conhecer a solução de vocês.',
    'uai, vcs atendem empresa do interior de minas?',
    'oxe, vi vcs no youtube, dá pra me explicar melhor?',
    'órale, tengo un taller mecánico, me interesa saber más',
    'che, me pasaron el dato de ustedes, qué hacen exactamente?',
    'Estimados, somos una constructora en Bogotá y queremos conocer su plataforma.',
    'parce, tengo una tienda online y quiero ver si esto me sirve',
    'hola tío, tengo un bar en Madrid, me podéis contar cómo va esto?',
    'buenas po, tengo una botillería y me recomendaron el sistema',
  ],
  sales_prospecting: [
    'qto custa o plano pra 3 atendentes? e tem app pra celular?',
    'vcs tem plano mensal ou só anual? qual o valor de cada',
    'Gostaria de receber a tabela de preços e as condições dos planos empresariais.',
    'o plano básico já tem chatbot ou só no pro?',
    'tem limite de contatos no plano inicial? quanto custa pra subir',
    'cuánto sale el plan mensual? y el anual cuánto queda?',
    'Quisiera recibir la lista de precios y qué incluye cada plan.',
    'el plan básico trae chatbot o solo el pro?',
    'qué precio tiene para 15 usuarios, güey?',
    'cuánto me cobráis por tres usuarios al mes?',
  ],
  sales_negotiation: [
    'fechei quase tudo com meu sócio, só falta vcs melhorarem o preço',
    'consegue fazer no boleto parcelado em 3x sem juros?',
    'Conforme conversamos, solicitamos uma condição especial de pagamento para o contrato anual.',
    'me faz um precinho camarada que eu fecho hoje',
    'dá pra começar pagando metade nos 3 primeiros meses?',
    'si me hacés un mejor precio lo cerramos esta semana',
    'pueden darme 60 días para el primer pago?',
    'Según lo conversado, solicitamos una condición especial de pago para el contrato anual.',
    'me rebajan un poco y firmo ya, dale',
    'me lo dejas más barato si pago por adelantado?',
  ],
  sales_closing: [
    'blz, manda o contrato por email que eu assino ainda hoje',
    'tá fechado, qual o link de pagamento da primeira mensalidade?',
    'Prezados, segue em anexo o contrato assinado. Favor confirmar o recebimento.',
    'assinei pelo clicksign, chegou aí?',
    'pode mandar a proposta final com os dados da empresa pra assinatura',
    'listo, mándame el contrato al correo y lo firmo hoy',
    'dale, cerramos, cuál es el link de pago del primer mes?',
    'Estimados, adjunto el contrato firmado. Quedo atento a la confirmación.',
    'ya lo firmé en la plataforma de firma digital, les llegó?',
    'pasadme el contrato definitivo que lo firma el gerente',
  ],
};
