// What each key page of a journey goes through: a screenshot kept for people to look at, and an axe-core check.
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';

const screenshotFolder = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

/** Saves test-results/screenshots/<journey>/<step>.png and fails on any serious or critical axe violation. */
export async function checkPage(browser: Browser, page: Page, journey: string, step: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotFolder, journey, `${step}.png`), fullPage: true });
  expect(await seriousViolations(browser, page)).toEqual([]);
}

/**
 * axe runs inside the page, which a page without JavaScript cannot do. So the exact markup this page shows is served
 * again, at its own address (its stylesheet loads from the app, so colours count), to a JavaScript-enabled page
 * that axe inspects.
 */
async function seriousViolations(browser: Browser, page: Page): Promise<string[]> {
  const html = await page.content();
  const context = await browser.newContext({ viewport: page.viewportSize() });
  try {
    const auditPage = await context.newPage();
    await auditPage.route('**/*', (route) =>
      route.request().isNavigationRequest() ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }) : route.continue(),
    );
    await auditPage.goto(page.url());
    const results = await new AxeBuilder({ page: auditPage }).analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  } finally {
    await context.close();
  }
}
