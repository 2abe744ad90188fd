import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, HttpMetrics, parseApiTokens } from '../../../src/bridge/index.js';
import { consoleSource } from '../../../src/cli/app/console-source.js';
import { type Browser, launchChromium } from '../../support/chromium.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

// End to end in a real browser: the built page (`npm run build` → dist/web; CI builds before testing)
// served by the real HTTP app over a seeded store and the offline model.
const WEB_ROOT = resolve('dist/web');
const ARTIFACTS = resolve('test-artifacts/playground');

let seeded: SeededApp;
let browser: Browser;
let server: ReturnType<typeof serve>;
let base: string;
let authedServer: ReturnType<typeof serve>;
let authedBase: string;
const problems: string[] = [];
// How long to wait for the page to show something: a deadline for a slow machine, not a measurement.
const WAIT = { timeout: 20_000 };

async function listen(http: ReturnType<typeof createHttpApp>) {
  const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((done) => s.once('listening', done));
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

/**
 * A page that records console errors, page errors, server errors and any request to another host.
 * Refused requests are part of the design (404 probes for absent panels, 401 before the token, a 400
 * when the server does not take `audience` yet), so the browser's "failed to load" lines are not problems.
 */
async function openPage(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`response: ${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const { protocol, hostname } = new URL(r.url());
    if ((protocol === 'http:' || protocol === 'https:') && hostname !== '127.0.0.1')
      problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  return page;
}

async function sendWithEnter(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message', exact: true });
  await box.fill(text);
  await box.press('Enter');
}

/** The last assistant message, once its run has finished. */
async function lastAnswer(page: Page) {
  const answer = page.locator('li.msg.assistant').last();
  await expect.poll(() => answer.getAttribute('data-streaming'), WAIT).toBe('false');
  return answer;
}

async function screenshots(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const [size, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${size}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

beforeAll(async () => {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT}/index.html is missing: run \`npm run build\` before the tests (CI does)`);
  }
  seeded = await createSeededApp();
  const deps = {
    app: seeded.app,
    metrics: new HttpMetrics(),
    defaultTenantId: 'tenant-demo',
    health: () => ({ model: seeded.app.model.id }),
    console: consoleSource(seeded.app),
    playground: { root: WEB_ROOT },
  };
  ({ server, base } = await listen(createHttpApp({ ...deps, apiTokens: new Map() })));
  ({ server: authedServer, base: authedBase } = await listen(
    createHttpApp({ ...deps, apiTokens: parseApiTokens('secret-acme:tenant-acme') }),
  ));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  await new Promise((done) => (authedServer ? authedServer.close(done) : done(undefined)));
  await seeded?.close();
});

describe('web playground in Chromium', () => {
  it('streams an answer sent with Enter and shows its route and tool calls in the run panel', async () => {
    const page = await openPage(`${base}/`);
    await expect.poll(() => page.getByTestId('agent-select').locator('option').count(), WAIT).toBeGreaterThan(10);
    await expect
      .poll(() => page.getByTestId('contact-select').locator('option[value="contact-carlos"]').count(), WAIT)
      .toBe(1);
    await page.getByTestId('contact-select').selectOption('contact-carlos');

    // Shift+Enter is a new line, not a send.
    const box = page.getByRole('textbox', { name: 'Message', exact: true });
    await box.fill('linha 1');
    await box.press('Shift+Enter');
    await box.pressSequentially('linha 2');
    expect(await box.inputValue()).toBe('linha 1\nlinha 2');
    expect(await page.locator('li.msg').count()).toBe(0);

    await sendWithEnter(page, 'Quero cancelar, está muito caro');
    const answer = await lastAnswer(page);
    expect(await answer.locator('.agent-name').textContent()).toBe('retention_churn');
    expect(await answer.locator('.bubble').textContent()).toContain('Carlos');

    const rows = page.locator('.waterfall li');
    expect(await page.locator('.waterfall li[data-kind="route"] .label').allTextContents()).toEqual([
      'retention_churn',
    ]);
    expect(await rows.filter({ hasText: 'retention__create_retention_offer' }).count()).toBe(1);
    expect(await rows.filter({ hasText: 'memory__search_memory' }).count()).toBe(1);
    // A tool row opens to its arguments and result.
    const offer = rows.filter({ hasText: 'retention__create_retention_offer' });
    await offer.locator('button.row-head').click();
    expect(await offer.locator('.run-details').textContent()).toContain('discount_percent');
    await screenshots(page, 'retention');
    await page.close();
  }, 60_000);

  it('switches agent and renders the BI answer as its format guide: a table and a chart', async () => {
    const page = await openPage(`${base}/`);
    await expect
      .poll(() => page.getByTestId('agent-select').locator('option[value="bi_manager"]').count(), WAIT)
      .toBe(1);
    await page.getByTestId('agent-select').selectOption('bi_manager');
    await sendWithEnter(page, 'Como está a conversão dos vendedores nos últimos 30 dias?');
    const answer = await lastAnswer(page);
    expect(await answer.locator('.agent-name').textContent()).toBe('bi_manager');
    expect(await answer.locator('.guide table th').allTextContents()).toEqual([
      'Agente',
      'Leads',
      'Conversões',
      'Taxa (%)',
    ]);
    await expect.poll(() => answer.locator('figure.chart[data-chart-kind="bar"] canvas').count(), WAIT).toBe(1);
    expect(await page.locator('.waterfall li').filter({ hasText: 'bi__get_agent_conversion_stats' }).count()).toBe(1);

    // The same session, another agent: the delegation (the router's pick, sdr, for a new lead) shows under the coordinator's tool call.
    await page.getByTestId('agent-select').selectOption('coordinator');
    await sendWithEnter(page, 'Oi, quero saber sobre planos');
    await lastAnswer(page);
    const delegated = page.locator('.waterfall li[data-kind="agent"]').filter({ hasText: 'sdr' });
    expect(await delegated.textContent()).toContain('delegation');

    // The session panel shows both turns of the conversation.
    await page.getByRole('tab', { name: 'Session' }).click();
    await expect.poll(() => page.locator('.history .role-user').count(), WAIT).toBeGreaterThanOrEqual(2);
    await screenshots(page, 'session');
    await page.getByRole('tab', { name: 'Run' }).click();
    await screenshots(page, 'conversation');
    await page.close();
  }, 60_000);

  it('talks as a customer: staff-only agents leave the list and the answer still comes', async () => {
    const page = await openPage(`${base}/`);
    const agents = page.getByTestId('agent-select');
    await expect.poll(() => agents.locator('option[value="bi_manager"]').count(), WAIT).toBe(1);
    await agents.selectOption('bi_manager');
    await page.getByRole('radio', { name: 'customer' }).check();
    expect(await agents.locator('option[value="bi_manager"]').count()).toBe(0);
    expect(await agents.inputValue()).toBe('auto');
    await expect
      .poll(() => page.getByTestId('contact-select').locator('option[value="contact-carlos"]').count(), WAIT)
      .toBe(1);
    await page.getByTestId('contact-select').selectOption('contact-carlos');
    await sendWithEnter(page, 'Quero cancelar, está muito caro');
    const answer = await lastAnswer(page);
    expect(await page.locator('li.msg.user .msg-meta').last().textContent()).toBe('customer → auto');
    expect(await answer.locator('.agent-name').textContent()).toBe('retention_churn');
    expect(await page.locator('.waterfall li').filter({ hasText: 'create_retention_offer' }).count()).toBe(1);
    await page.close();
  }, 60_000);

  it('shows a panel only when its API exists, and approves a pending approval when it does', async () => {
    const page = await openPage(`${base}/`);
    await expect.poll(() => page.getByRole('tab', { name: 'Session' }).count(), WAIT).toBe(1);
    const approvalsApi = (await fetch(`${base}/api/approvals?status=pending`)).status !== 404;
    expect(await page.getByRole('tab', { name: /^Approvals/ }).count()).toBe(approvalsApi ? 1 : 0);
    for (const [path, tab] of [
      ['/api/dlq', 'DLQ'],
      ['/api/evals/latest', 'Evals'],
    ] as const) {
      const res = await fetch(`${base}${path}`);
      const absent = res.status === 404 && (await res.text()).includes('no route for');
      expect(await page.getByRole('tab', { name: tab }).count()).toBe(absent ? 0 : 1);
    }
    if (approvalsApi) {
      // A severity ≥ 8 escalation is gated (the offline model escalates a legal threat at severity 9):
      // the run pauses and the approval waits here.
      await page.getByTestId('contact-select').selectOption('contact-carlos');
      await sendWithEnter(page, 'Isso é um absurdo, vou no Procon e quero cancelar');
      await lastAnswer(page);
      await page.getByRole('tab', { name: /^Approvals/ }).click();
      const card = page.locator('li.approval').first();
      await card.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => page.locator('li.approval').count(), WAIT).toBe(0);
    }
    await page.close();
  }, 60_000);

  it('with API tokens, takes the token from the address, hides it, and sends it on every call', async () => {
    const gate = await openPage(`${authedBase}/`);
    await expect.poll(() => gate.getByRole('heading', { name: 'API token' }).count(), WAIT).toBe(1);
    await gate.close();

    const page = await openPage(`${authedBase}/#token=secret-acme`);
    await expect
      .poll(() => page.getByTestId('tenant-select').locator('option').allTextContents(), WAIT)
      .toEqual(['Acme Analytics Inc.']);
    expect(new URL(page.url()).hash).toBe('');
    await sendWithEnter(page, 'Quero cancelar, está muito caro');
    const answer = await lastAnswer(page);
    expect(await answer.locator('.agent-name').textContent()).toBe('retention_churn');
    await page.close();
  }, 60_000);

  it('loads nothing from another host and logs no errors', () => {
    expect(problems).toEqual([]);
  });
});
