/**
 * Intent concepts shared by PT-BR, English and Spanish: a word that starts with one of a concept's stems
 * also yields the concept (`k:leave` for "cancelar", "cancellation", "baja", "terminate", "rescisão").
 * Evidence learnt from a Portuguese example then counts for its English and Spanish cousins, and for a
 * word no training text had but whose stem is known ("rescindir", "unsubscribing"). Stems are matched
 * on normalized words (lower case, no accents). Listing a concept only adds a feature: the classifier
 * learns how much it weighs for each agent, so an ambiguous stem ("sair": leave, or leave a list) costs
 * little.
 */
const CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  leave: [
    'cancel', 'rescind', 'rescis', 'rescin', 'terminat', 'encerr', 'desativ', 'deactivat', 'baja', 'quit',
    'leav', 'sair', 'saind', 'embora', 'irme', 'nos vamos', 'desist', 'churn', 'close', 'fech', 'cerr',
  ],
  renew: ['renew', 'renov', 'auto renew', 'extend', 'prorrog'],
  competitor: [
    'hubspot', 'salesforce', 'pipedrive', 'zoho', 'rdstation', 'kommo', 'concorren', 'competi', 'competencia',
    'fornecedor', 'proveedor', 'provider', 'vendor', 'migr', 'switch', 'trocar', 'troca', 'cambi',
  ],
  expensive: [
    'caro', 'cara', 'expensiv', 'pricey', 'carisim', 'carissim', 'precio', 'preco', 'price', 'pricing',
    'reajust', 'aumento', 'aument', 'increase', 'hike', 'orcament', 'presupuest', 'budget', 'afford', 'fortuna',
  ],
  optout: [
    'stop', 'unsubscri', 'descadastr', 'desuscri', 'desinscri', 'spam', 'lista', 'list', 'mailing', 'remove',
    'remov', 'tira', 'saca', 'borr', 'parar', 'pare', 'dejen', 'opt',
  ],
  channel: ['email', 'mail', 'mensag', 'message', 'sms', 'correo', 'newsletter', 'text', 'whatsapp', 'liga', 'llam', 'call'],
  invoice: [
    'fatura', 'invoice', 'factura', 'boleto', 'nota', 'receipt', 'recibo', 'cobranc', 'cobra', 'cobro',
    'charg', 'bill', 'refund', 'estorn', 'reembols', 'devoluc', 'cargo', 'duplicad', 'duplicat', 'twice',
  ],
  payment: ['pag', 'pay', 'cartao', 'card', 'tarjeta', 'pix', 'transfer', 'vencid', 'venc', 'overdue', 'due'],
  error: [
    'erro', 'error', 'bug', 'crash', 'caiu', 'cai', 'down', 'broken', 'broke', 'quebr', 'falh', 'fail', 'lent',
    'slow', 'trav', 'freez', 'login', 'logar', 'log in', 'senha', 'password', 'contrasen', 'carreg', 'load',
    'carg', 'sincroniz', 'sync', 'funcion', 'work', 'abre', 'open', 'blank', 'branco', 'blanco', 'integra',
  ],
  start: [
    'comec', 'start', 'empez', 'empiez', 'config', 'setup', 'set', 'import', 'onboard', 'primeir', 'first',
    'primer', 'tutorial', 'implant', 'implement', 'treinament', 'training', 'capacit', 'convid', 'invit', 'invita',
    'passo', 'step', 'paso', 'contratei', 'contratamos', 'signed', 'nuevo', 'novo', 'new',
  ],
  meeting: [
    'reuni', 'meeting', 'ligac', 'llamad', 'agend', 'schedul', 'remarc', 'reschedul', 'reprogram', 'visit',
    'horario', 'appointment', 'cita', 'demo', 'adia', 'pospon', 'postpon', 'push', 'marc', 'book',
  ],
  waiting: [
    'retorn', 'esper', 'wait', 'aguard', 'update', 'novedad', 'novidad', 'follow', 'promet', 'promis',
    'pendien', 'pendenc', 'pending', 'status', 'ainda', 'still', 'sigo', 'todavia', 'news', 'notici', 'cade',
  ],
  staff_conduct: [
    'gross', 'rude', 'groser', 'educad', 'atendent', 'attendant', 'vendedor', 'salesperson', 'rep',
    'funcionari', 'emplead', 'employee', 'staff', 'reclam', 'complain', 'queja', 'quej', 'mentiu', 'lied',
    'mintio', 'colg', 'hung', 'deslig', 'trat', 'treat', 'elogi', 'compliment', 'felicit', 'asesor', 'atendimento',
  ],
  material: [
    'ebook', 'case', 'caso', 'material', 'pdf', 'apresentac', 'presentation', 'presentacion', 'slide', 'deck',
    'whitepaper', 'artig', 'article', 'articul', 'guia', 'guide', 'video', 'gravac', 'recording', 'grabac',
    'checklist', 'template', 'plantilla', 'modelo', 'blog', 'leitura', 'read', 'leer', 'recurso', 'resource',
  ],
  event: [
    'webinar', 'workshop', 'live', 'evento', 'event', 'palestr', 'talk', 'charla', 'inscri', 'regist',
    'taller', 'conferen', 'summit', 'meetup', 'curso', 'course', 'masterclass', 'bootcamp', 'certificad',
    'certificat', 'vaga', 'spot', 'seat', 'lugar', 'transmis', 'stream', 'agenda', 'programac',
  ],
  promo: [
    'promo', 'cupom', 'cupon', 'coupon', 'codigo', 'code', 'oferta', 'offer', 'black', 'campanh', 'campaign',
    'campan', 'anunci', 'ad', 'ads', 'sorteio', 'sorteo', 'giveaway', 'regulament', 'bases', 'rules', 'valid',
    'vigent', 'expir',
  ],
  discount: ['descont', 'discount', 'parcel', 'installment', 'cuota', 'condic', 'terms', 'match', 'cobr', 'igual'],
  sign: ['contrat', 'contract', 'assin', 'sign', 'firm', 'docusign', 'aprov', 'approv', 'fechad', 'deal', 'trato'],
  grow: [
    'upgrade', 'usuari', 'user', 'seat', 'licen', 'modul', 'module', 'addon', 'add', 'adicion', 'agreg',
    'sumar', 'incluir', 'include', 'limit', 'expand', 'ampli', 'cresc', 'crec', 'grow', 'filial', 'sucursal',
    'branch', 'superior', 'premium', 'enterprise', 'pro',
  ],
  comeback: ['volt', 'return', 'regres', 'reativ', 'reactiv', 'reabr', 'reopen', 'former', 'antig', 'saudad', 'miss', 'rejoin'],
  metric: [
    'quant', 'many', 'cuant', 'taxa', 'rate', 'tasa', 'metric', 'relatori', 'report', 'media', 'average',
    'promedio', 'total', 'numero', 'number', 'percent', 'porcent', 'kpi', 'dashboard', 'ranking', 'mes', 'month',
    'semana', 'week', 'trimestre', 'quarter', 'faturamos', 'revenue', 'receita', 'ingreso',
  ],
  quality: [
    'qualidad', 'quality', 'calidad', 'tom', 'tone', 'tono', 'gramat', 'grammar', 'script', 'roteir', 'guion',
    'revis', 'review', 'audit', 'analis', 'analy', 'avali', 'evalu', 'feedback', 'compar', 'melhor', 'better',
    'mejor', 'errand', 'wrong', 'falla',
  ],
  price_question: ['quanto', 'how much', 'cuanto', 'valor', 'cost', 'custa', 'cuesta', 'plan', 'plano', 'trial', 'gratis', 'free', 'teste', 'prueba'],
  greeting: ['bom', 'boa', 'good', 'buen', 'hola', 'ola', 'oi', 'hi', 'hello', 'hey', 'obrigad', 'thank', 'graci', 'valeu'],
  business_closed: ['aposent', 'retir', 'jubil', 'falen', 'falid', 'bankrupt', 'vend', 'sold', 'quebr', 'faliu'],
  sarcasm: ['parabens', 'congrat', 'felicidad', 'bravo', 'maravilh', 'wonderful', 'amazing', 'great', 'genial', 'otimo', 'excelent', 'adoro', 'love', 'encanta'],
};

/** Multi-word stems are matched on the joined text; single-word stems on each word's start. */
const SINGLE: Array<[string, string]> = [];
const MULTI: Array<[string, string]> = [];
for (const [concept, stems] of Object.entries(CONCEPTS)) {
  for (const stem of stems) (stem.includes(' ') ? MULTI : SINGLE).push([stem, concept]);
}
/** Short stems must match a whole word ("ad" is not "adoro", "pro" is not "produto"). */
const WHOLE_WORD_BELOW = 4;

/** Words repeat across thousands of training texts: their concepts are looked up once (bounded cache). */
const cache = new Map<string, readonly string[]>();
const MAX_CACHED_WORDS = 50_000;

/** The concepts of one normalized word (possibly several, in stem order, no duplicates). */
export function wordConcepts(word: string): readonly string[] {
  const cached = cache.get(word);
  if (cached) return cached;
  const out: string[] = [];
  for (const [stem, concept] of SINGLE) {
    const hit = stem.length < WHOLE_WORD_BELOW ? word === stem : word.startsWith(stem);
    if (hit && !out.includes(concept)) out.push(concept);
  }
  if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  cache.set(word, out);
  return out;
}

/** Concepts of multi-word stems found in the words ("how much", "auto renew", "nos vamos"). */
export function phraseConcepts(words: readonly string[]): string[] {
  const joined = ` ${words.join(' ')} `;
  const out: string[] = [];
  for (const [stem, concept] of MULTI) if (joined.includes(` ${stem} `) && !out.includes(concept)) out.push(concept);
  return out;
}
