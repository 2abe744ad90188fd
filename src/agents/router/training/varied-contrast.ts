/**
 * Contrast pairs: the same surface words ("not working", "cancel", "price", "link", "decide") in requests
 * that belong to different agents, so the classifier learns the object of the sentence rather than the
 * word. Written from the labelling rules, never from the trust sets.
 */
export const VARIED_CONTRAST: Readonly<Record<string, readonly string[]>> = {
  marketing_campaign: [
    'the promo code from your email is not working',
    'o cupom do email de vocês não tá funcionando',
    'el cupón del correo no funciona',
    'the discount link in the campaign message is broken',
    'o link da promoção que chegou no whatsapp não abre',
    'el enlace de la promoción no abre',
    'the coupon says expired but the ad says valid until Sunday',
  ],
  marketing_event: [
    'the link to join the webinar is not working',
    'o link da live não tá funcionando',
    'el enlace del webinar no funciona',
    "I can't find the registration page for the workshop",
    'the event page says sold out, is there a waiting list?',
  ],
  support_billing: [
    'my card payment is not going through on the billing page',
    'o pagamento com cartão não tá passando na fatura',
    'el pago con tarjeta no pasa en la página de facturación',
    'the price on my invoice does not match the contract',
    'o valor da fatura não bate com o contrato',
  ],
  support_technical: [
    'the app itself is not working, it shows a blank screen after login',
    'o aplicativo não funciona, fica tela branca depois do login',
    'la aplicación no funciona, se queda en blanco después de entrar',
  ],
  sales_prospecting: [
    'we have a budget of around 2k a month and want to decide by next quarter, what would you recommend?',
    'temos orçamento de uns 3 mil por mês e queremos decidir até março, qual plano indicam?',
    'tenemos un presupuesto de 1000 dólares al mes y queremos decidir antes de abril, ¿qué plan recomiendan?',
    'we are comparing a few CRMs this month, what makes yours different and what does it cost?',
    'estamos comparando alguns sistemas, o que vocês têm de diferente e quanto custa?',
  ],
  sdr: [
    'we are a 30 person agency evaluating CRMs, I am the ops lead and need something in place by Q2',
    'somos uma agência de 30 pessoas avaliando CRMs, preciso de algo funcionando até junho',
    'somos una agencia de 30 personas evaluando CRM, necesito algo listo para junio',
  ],
  retention_winback: [
    'former customer here, did you ever fix the problems with the mobile app? I might come back',
    'era cliente e saí por causa do app, vocês melhoraram? penso em voltar',
    'fui cliente y me fui por la app, ¿ya la mejoraron? quizás vuelva',
  ],
  retention_upsell: [
    'our team doubled, is there a volume price if we go from 15 to 40 seats?',
    'nosso time dobrou, tem preço por volume se formos de 15 pra 40 usuários?',
    'nuestro equipo se duplicó, ¿hay precio por volumen si pasamos de 15 a 40 usuarios?',
  ],
  retention_churn: [
    'the price is too high for what we get, we will cancel unless something changes',
    'o preço tá alto demais pro que entregam, vamos cancelar se nada mudar',
    'el precio es muy alto para lo que ofrecen, vamos a cancelar si nada cambia',
  ],
  operations_schedule: [
    "I need to cancel tomorrow's call with the sales rep, can we do Monday instead?",
    'preciso cancelar a call de amanhã com o consultor, pode ser segunda?',
    'necesito cancelar la llamada de mañana con el asesor, ¿puede ser el lunes?',
  ],
};
