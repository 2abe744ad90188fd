import { describe, expect, it } from 'vitest';
import { realRequest } from '../../../src/agents/router/real-request.js';

describe('realRequest', () => {
  it('keeps what follows a restricting word after a denial of leaving', () => {
    expect(realRequest('não quero cancelar, só quero entender a fatura')).toBe('quero entender a fatura');
  });

  it('keeps what follows a contrasting word after a denial ("mas", "but", "pero")', () => {
    expect(realRequest('não vou cancelar, mas preciso da segunda via do boleto')).toBe(
      'preciso da segunda via do boleto',
    );
    expect(realRequest("I'm not leaving but the export button does nothing")).toBe('the export button does nothing');
    expect(realRequest('no me doy de baja, pero la app no carga')).toBe('la app no carga');
  });

  it('routes the sentence after a short denial sentence', () => {
    expect(realRequest('Not cancelling. Can you resend the March invoice?')).toBe('Can you resend the March invoice');
    expect(realRequest('Ninguém falou em sair! O relatório não abre desde ontem')).toBe(
      'O relatório não abre desde ontem',
    );
  });

  it('leaves a message alone when nothing is denied, or too little follows', () => {
    expect(realRequest('quero cancelar, está caro')).toBe('quero cancelar, está caro');
    expect(realRequest('não vou renovar, só isso')).toBe('não vou renovar, só isso');
    expect(realRequest('Not renewing. Bye')).toBe('Not renewing. Bye');
  });
});
