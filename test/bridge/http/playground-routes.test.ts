import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, HttpMetrics, parseApiTokens } from '../../../src/bridge/index.js';
import { consoleSource } from '../../../src/cli/app/console-source.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

let seeded: SeededApp;
let root: string;
let open: ReturnType<typeof createHttpApp>;
let authed: ReturnType<typeof createHttpApp>;

beforeAll(async () => {
  seeded = await createSeededApp();
  // A stand-in for dist/web: these tests are about serving and guarding, not the page.
  root = mkdtempSync(join(tmpdir(), 'ventros-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>playground</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  const deps = {
    app: seeded.app,
    metrics: new HttpMetrics(),
    defaultTenantId: 'tenant-demo',
    console: consoleSource(seeded.app),
    playground: { root },
  };
  open = createHttpApp({ ...deps, apiTokens: new Map() });
  authed = createHttpApp({
    ...deps,
    apiTokens: parseApiTokens('secret-acme:tenant-acme,widget-acme:tenant-acme:customer'),
  });
});

afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await seeded.close();
});

const bearer = { authorization: 'Bearer secret-acme' };

describe('playground files', () => {
  it('serves the page at / with a same-origin content policy, and hashed assets as immutable', async () => {
    const page = await open.request('http://127.0.0.1/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('<title>playground</title>');

    const asset = await open.request('http://127.0.0.1/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps the JSON 404 for every other path, under /api too', async () => {
    for (const path of ['/nope', '/assets/missing.js', '/index.html', '/api/nope', '/assets/../index.html']) {
      const res = await open.request(`http://127.0.0.1${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('without tokens answers only requests addressed to this machine, like /api', async () => {
    const rebound = await open.request('http://evil.example/', { headers: { host: 'evil.example' } });
    expect(rebound.status).toBe(403);
    const foreign = await open.request('http://127.0.0.1/', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it('with tokens serves the files (they hold no data) while every /api call needs the token', async () => {
    expect((await authed.request('http://127.0.0.1/')).status).toBe(200);
    expect((await authed.request('http://127.0.0.1/assets/index-abc123.js')).status).toBe(200);
    expect((await authed.request('http://127.0.0.1/api/tenants')).status).toBe(401);
    expect((await authed.request('http://127.0.0.1/api/contacts')).status).toBe(401);
  });

  it("keeps a tenant's contacts and sessions from customer tokens (403)", async () => {
    const widget = { authorization: 'Bearer widget-acme' };
    for (const path of ['/api/tenants', '/api/contacts', '/api/sessions/s-1']) {
      const res = await authed.request(`http://127.0.0.1${path}`, { headers: widget });
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'permission_denied' } });
    }
  });

  it('says how to build the page when dist/web is missing', async () => {
    const unbuilt = createHttpApp({
      app: seeded.app,
      metrics: new HttpMetrics(),
      apiTokens: new Map(),
      defaultTenantId: 'tenant-demo',
      playground: { root: join(root, 'no-such-folder') },
    });
    const res = await unbuilt.request('http://127.0.0.1/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('console routes', () => {
  it('lists every tenant without tokens, and only the token tenant with one', async () => {
    const all = (await (await open.request('http://127.0.0.1/api/tenants')).json()) as {
      tenants: Array<{ id: string }>;
      default_tenant_id: string;
    };
    expect(all.tenants.map((t) => t.id)).toEqual(expect.arrayContaining(['tenant-demo', 'tenant-acme']));
    expect(all.default_tenant_id).toBe('tenant-demo');

    const mine = await (await authed.request('http://127.0.0.1/api/tenants', { headers: bearer })).json();
    expect(mine).toEqual({
      tenants: [{ id: 'tenant-acme', name: 'Acme Analytics Inc.' }],
      default_tenant_id: 'tenant-acme',
    });
  });

  it('searches a tenant contacts without accents or case, and a token keeps the search in its tenant', async () => {
    const search = async (q: string) =>
      (
        (await (await open.request(`http://127.0.0.1/api/contacts?q=${q}`)).json()) as {
          contacts: Array<{ id: string }>;
        }
      ).contacts.map((c) => c.id);
    expect(await search('CARLOS')).toEqual(['contact-carlos']);
    // "Ótica Visão" is Beatriz's company.
    expect(await search('otica')).toContain('contact-beatriz');

    const limited = (await (await open.request('http://127.0.0.1/api/contacts?limit=2')).json()) as {
      contacts: unknown[];
    };
    expect(limited.contacts).toHaveLength(2);

    const demoIds = new Set(seeded.app.deps.store.contacts.list('tenant-demo').map((c) => c.id));
    const acme = (await (
      await authed.request('http://127.0.0.1/api/contacts?tenant_id=tenant-demo&limit=200', { headers: bearer })
    ).json()) as { tenant_id: string; contacts: Array<{ id: string }> };
    expect(acme.tenant_id).toBe('tenant-acme');
    expect(acme.contacts.length).toBeGreaterThan(0);
    expect(
      acme.contacts.filter((c) => demoIds.has(c.id) && !seeded.app.deps.store.contacts.get('tenant-acme', c.id)),
    ).toEqual([]);

    const bad = await open.request('http://127.0.0.1/api/contacts?limit=5000');
    expect(bad.status).toBe(400);
  });

  it('returns a session state and history with tool calls as snake_case parts; 404 for an unknown one', async () => {
    const result = await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está muito caro',
      tenantId: 'tenant-demo',
      contactId: 'contact-carlos',
      sessionId: 'console-session-1',
    });
    expect(result.agent_used).toBe('retention_churn');
    const res = await open.request('http://127.0.0.1/api/sessions/console-session-1?tenant_id=tenant-demo');
    expect(res.status).toBe(200);
    const session = (await res.json()) as {
      session_id: string;
      contact_id: string;
      state: Record<string, unknown>;
      history: Array<{ role: string; content: Array<Record<string, unknown>> }>;
    };
    expect(session).toMatchObject({ session_id: 'console-session-1', contact_id: 'contact-carlos' });
    expect(session.state['contact_name']).toBe('Carlos Mendes');
    const parts = session.history.flatMap((m) => m.content);
    expect(parts.some((p) => p['type'] === 'tool_use' && typeof p['id'] === 'string' && p['input'])).toBe(true);
    expect(parts.some((p) => p['type'] === 'tool_result' && typeof p['tool_use_id'] === 'string')).toBe(true);
    expect(parts.some((p) => 'signature' in p || 'toolUseId' in p)).toBe(false);

    // Another tenant's session is not there, whichever tenant the query names.
    const other = await open.request('http://127.0.0.1/api/sessions/console-session-1?tenant_id=tenant-acme');
    expect(other.status).toBe(404);
    const viaToken = await authed.request('http://127.0.0.1/api/sessions/console-session-1?tenant_id=tenant-demo', {
      headers: bearer,
    });
    expect(viaToken.status).toBe(404);
  });
});

describe('the latest eval report', () => {
  it('answers 404 with the command to run until `ventros eval` wrote one, then serves it', async () => {
    const missing = await open.request('http://127.0.0.1/api/evals/latest');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { message: expect.stringContaining('ventros eval') } });

    const dir = join(seeded.app.deps.env.VENTROS_DATA_DIR, 'evals');
    mkdirSync(dir, { recursive: true });
    const report = { summary: { pass_rate: 0.5, cases: 2, passed: 1 }, cases: [] };
    writeFileSync(join(dir, 'latest.json'), JSON.stringify(report));
    try {
      const found = await open.request('http://127.0.0.1/api/evals/latest');
      expect(found.status).toBe(200);
      expect(await found.json()).toEqual(report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
