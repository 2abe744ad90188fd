/** Static data of the demo tenant: products, contacts, sales dialogue lines. */
export const PRODUCTS = [
  ['product-plano-basico', 'Plano Básico', 1200],
  ['product-plano-pro', 'Plano Pro', 4800],
  ['product-plano-enterprise', 'Plano Enterprise', 18000],
  ['product-modulo-fiscal', 'Módulo Fiscal', 2400],
  ['product-integracao-whatsapp', 'Integração WhatsApp', 1500],
  ['product-treinamento', 'Treinamento da equipe', 900],
] as const;

// [id, name, status, tier, lifetime value, company, days since created]
export const CONTACTS: readonly (readonly [
  string,
  string,
  'lead' | 'customer' | 'churned',
  'standard' | 'premium' | 'enterprise',
  number,
  string,
  number,
])[] = [
  ['contact-ana', 'Ana Oliveira', 'customer', 'premium', 9600, 'Boutique Flor de Lis', 420],
  ['contact-carlos', 'Carlos Mendes', 'customer', 'premium', 38400, 'Mercado Bom Preço', 900],
  ['contact-beatriz', 'Beatriz Santos', 'customer', 'standard', 3600, 'Ótica Visão', 300],
  ['contact-daniel', 'Daniel Rocha', 'customer', 'standard', 2400, 'Pet Shop Amigo Fiel', 260],
  ['contact-eduarda', 'Eduarda Lima', 'customer', 'premium', 14400, 'Farmácia Saúde Já', 520],
  ['contact-fernando', 'Fernando Alves', 'customer', 'standard', 6000, 'Padaria Pão Quente', 610],
  ['contact-gabriela', 'Gabriela Ferreira', 'customer', 'standard', 2100, 'Studio Gabi Fitness', 150],
  ['contact-helena', 'Helena Costa', 'customer', 'enterprise', 72500, 'Rede Supermercados Costa', 1100],
  ['contact-henrique', 'Henrique Barbosa', 'churned', 'standard', 3600, 'Auto Peças Barbosa', 700],
  ['contact-isabela', 'Isabela Ribeiro', 'customer', 'premium', 11200, 'Loja Bella Moda', 380],
  ['contact-joaquim', 'Joaquim Pereira', 'customer', 'standard', 1200, 'Empório do Joaquim', 90],
  ['contact-larissa', 'Larissa Gomes', 'lead', 'standard', 0, 'Doceria Doce Lar', 12],
  ['contact-marcos', 'Marcos Teixeira', 'customer', 'premium', 19800, 'Distribuidora MT', 800],
  ['contact-natalia', 'Natália Carvalho', 'lead', 'standard', 0, 'Clínica Bem Estar', 5],
  ['contact-otavio', 'Otávio Martins', 'customer', 'standard', 4800, 'Livraria Martins', 330],
  ['contact-paula', 'Paula Araújo', 'lead', 'standard', 0, 'Papelaria Arte & Papel', 20],
  ['contact-rafael', 'Rafael Nunes', 'lead', 'standard', 0, 'Atacadão Nunes', 0],
  ['contact-roberto', 'Roberto Dias', 'customer', 'premium', 22800, 'Eletro Dias', 640],
  ['contact-sofia', 'Sofia Cardoso', 'lead', 'standard', 0, 'Sorveteria Gelato', 0],
  ['contact-tiago', 'Tiago Moreira', 'lead', 'standard', 0, 'Oficina Moreira', 0],
  ['contact-vanessa', 'Vanessa Castro', 'customer', 'standard', 2400, 'Salão Vanessa', 210],
  ['contact-wagner', 'Wagner Pinto', 'lead', 'standard', 0, 'Construtora Pinto', 40],
  ['contact-yasmin', 'Yasmin Freitas', 'lead', 'standard', 0, 'Yas Cosméticos', 0],
  ['contact-bruno', 'Bruno Cavalcanti', 'customer', 'standard', 5700, 'Bar do Bruno', 450],
  ['contact-camila', 'Camila Rezende', 'customer', 'premium', 9900, 'Camila Kids', 290],
  ['contact-diego', 'Diego Monteiro', 'lead', 'standard', 0, 'Academia Força Total', 60],
  ['contact-elisa', 'Elisa Campos', 'customer', 'standard', 3300, 'Floricultura Campos', 180],
  ['contact-felipe', 'Felipe Azevedo', 'lead', 'standard', 0, 'Açougue Azevedo', 25],
  ['contact-igor', 'Igor Batista', 'lead', 'standard', 0, 'Batista Tech', 0],
  ['contact-juliana', 'Juliana Prado', 'customer', 'standard', 4200, 'Ju Acessórios', 240],
  ['contact-leonardo', 'Leonardo Vieira', 'lead', 'standard', 0, 'Vieira Imóveis', 75],
  ['contact-mariana', 'Mariana Lopes', 'customer', 'premium', 15600, 'Lopes Calçados', 560],
];

export const SALES_LINES = [
  'Olá! Vi o anúncio de vocês, como funciona o sistema para a minha loja?',
  'Quanto custa o Plano Pro? Tenho duas lojas.',
  'Vocês emitem nota fiscal pelo sistema?',
  'Gostei, pode me mandar a proposta?',
];

// Sales conversations behind the historical leads: [customer, agent, customer, summary] per outcome.
export const SALES_DIALOGUES = {
  won: [
    [
      'Quero entender o Plano Pro para a minha loja.',
      'Claro! Ele inclui estoque, PDV e nota fiscal. Posso fazer uma demonstração hoje.',
      'A demonstração foi ótima, vamos fechar.',
      'demonstrou o Plano Pro no mesmo dia e fechou a venda.',
    ],
    [
      'Vocês atendem rede com várias lojas?',
      'Sim, o Enterprise centraliza todas as lojas. Montei uma proposta com o seu volume.',
      'Proposta aprovada, pode enviar o contrato.',
      'respondeu rápido com proposta personalizada e converteu.',
    ],
  ],
  lost: [
    [
      'Quanto custa o sistema?',
      'O Plano Pro custa R$ 4.800 por ano.',
      'Achei caro, vou continuar com a planilha.',
      'informou só o preço, sem demonstrar valor; cliente desistiu pelo preço.',
    ],
    [
      'Tem teste grátis?',
      'Não temos teste, mas o plano é bom.',
      'Então vou procurar outro fornecedor.',
      'não ofereceu alternativa ao teste grátis; lead perdido.',
    ],
  ],
  open: [
    [
      'Estou comparando sistemas de gestão.',
      'Posso te mandar um comparativo e agendar uma conversa.',
      'Pode mandar, vou analisar.',
      'enviou comparativo; negociação em andamento.',
    ],
    [
      'Preciso de emissão de nota fiscal.',
      'O Módulo Fiscal resolve, posso incluir na proposta.',
      'Inclua sim, obrigado.',
      'incluiu o Módulo Fiscal na proposta; aguardando retorno.',
    ],
  ],
} as const;
