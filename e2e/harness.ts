/**
 * Browser-suite harness: starts GridGov for real (npm start's server, demo mode, a fresh
 * embedded data folder) and Debian's chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { totpCode, totpStep } from '../server/src/platform/auth/totp.js';
import { DEMO_PASSWORD, demoTotpSecret } from '../server/src/modules/demo/seed-demo.js';

export const ARTIFACTS = path.resolve('e2e/artifacts');

export interface E2eServer {
  url: string;
  /** Everything the server printed so far (its operator console: demo logins, enrolment codes). */
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(): Promise<E2eServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-e2e-'));
  const port = 43000 + Math.floor(Math.random() * 2000);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, GRIDGOV_DATA_DIR: path.join(dir, 'pglite'), GRIDGOV_FILES_DIR: path.join(dir, 'files'), GRIDGOV_PORT: String(port), GRIDGOV_LOG_LEVEL: 'warn', DATABASE_URL: '', GRIDGOV_MQTT_PORT: '0', GRIDGOV_SIP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    // A first start migrates and seeds the demo city: on a loaded 2-core machine that has taken over two minutes.
    const timer = setTimeout(() => {
      // Not left running: the suite would wait for it until its own time-out.
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${out}`));
    }, 240_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every page opens with reduced motion, which turns antd's animations off (web/src/app/motion.ts):
 * on a busy machine a click on a dialog or pop-up still moving in can land where its button was
 * a frame before and be lost.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options = {}) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}

export interface BrowserSuite {
  readonly server: E2eServer;
  readonly browser: Browser;
  /** A new browser context in zh-CN unless told, closed when the suite ends. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a new context, signed in as `username` (a visitor when null), opened at `#path` when given. */
  page(username: string | null, options?: BrowserContextOptions & { path?: string }): Promise<Page>;
}

/**
 * The server and browser of a describe block: started before its tests (then `prepare`, for
 * data the tests share), stopped after them with every context they opened.
 */
export function browserSuite(prepare?: (server: E2eServer) => Promise<void>): BrowserSuite {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await prepare?.(server);
  });
  after(async () => {
    for (const c of contexts.splice(0)) await c.close();
    await browser?.close();
    await server?.stop();
  });
  const suite: BrowserSuite = {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    async context(options = {}) {
      const context = await browser!.newContext({ locale: 'zh-CN', ...options });
      contexts.push(context);
      return context;
    },
    async page(username, { path: at, ...options } = {}) {
      const page = await (await suite.context(options)).newPage();
      if (username) await loginAs(page, server!.url, username);
      if (at !== undefined) await page.goto(`${server!.url}/#${at}`);
      return page;
    },
  };
  return suite;
}

/** The demo accounts that sign in with an authenticator code (the three admin roles). */
const ADMIN_LOGINS = new Set(['sysadmin', 'secadmin', 'auditor']);
/** The last authenticator step each admin signed in with, per server. */
const usedSteps = new Map<string, number>();

/**
 * Signs in through the login page. The code field is always on the page (the server does not
 * say whether a password was right without its code): admins type it with the password.
 */
export async function loginAs(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.locator('input[data-testid="login-username"], [data-testid="login-username"] input').first().fill(username);
  await page.locator('input[data-testid="login-password"], [data-testid="login-password"] input').first().fill(DEMO_PASSWORD);
  if (ADMIN_LOGINS.has(username)) {
    // The server takes each code once: a second sign-in of the same admin within one 30 s step
    // waits for the next code, as a person would.
    let step = totpStep(new Date());
    while (step <= (usedSteps.get(`${base} ${username}`) ?? -1)) {
      await page.waitForTimeout(1000);
      step = totpStep(new Date());
    }
    usedSteps.set(`${base} ${username}`, step);
    await page.locator('input[data-testid="login-totp"], [data-testid="login-totp"] input').first().fill(totpCode(demoTotpSecret(username), step));
  }
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-scope').waitFor({ timeout: 15_000 });
}

/**
 * Collects the Content-Security-Policy violations a page reports (the browser logs each one
 * and fires `securitypolicyviolation`), so a test can say the console works under the policy.
 */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (load|execute|apply|create|connect|frame)/i.test(msg.text())) violations.push(msg.text());
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI}`));
  });
  return violations;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** An antd input inside a test id, or the input (or text area) that carries it. */
export function input(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input, textarea[data-testid="${testId}"]`).first();
}

/** Picks an option of an antd Select by its visible text (searching for it when the select can search), and waits until the select shows it. */
export async function choose(page: Page, select: Locator, text: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    const option = open.filter({ hasText: text }).first();
    // The list is virtual: an option far down is not rendered until searched for.
    await open.first().waitFor();
    const search = select.locator('input[role="combobox"]:not([readonly])');
    if (!(await option.isVisible()) && (await search.count())) await search.fill(text);
    await option.waitFor();
    await page.waitForTimeout(200);
    await option.click();
    try {
      await select.filter({ hasText: text }).waitFor({ timeout: 2000 });
      return;
    } catch {
      // The dropdown was still opening; try again.
    }
  }
  throw new Error(`could not choose ${text}`);
}
