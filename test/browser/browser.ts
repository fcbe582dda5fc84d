// Debian's chromium driven by playwright-core (never a downloaded browser), one fresh context per person, with
// JavaScript off: every core action must work with plain links and forms.
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testPassword } from '../support/factories';

export const chromiumPath = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`The browser journeys need Debian's chromium at ${chromiumPath}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: chromiumPath,
    // playwright gives each launch a fresh temporary profile (user-data-dir); these keep chromium off the network.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A signed-in page in a context of its own (no cookies from anyone else), without JavaScript. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  // A page that is not there fails the journey in seconds rather than at the test's own timeout.
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  return page;
}
