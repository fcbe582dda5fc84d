// What seeded insights say: sentences built from a few hundred product and problem words, so that full-text
// search over half a million of them finds some and not others, as it would over real ones.
import type { Faker } from '@faker-js/faker';

export const seededCategoryNames = [
  'usability',
  'defect',
  'missing feature',
  'documentation',
  'billing',
  'delivery and fulfilment',
  'hardware and suppliers',
  'policy and process',
  'praise',
  'other',
] as const;
export type SeededCategory = (typeof seededCategoryNames)[number];

export const seededAreaNames = ['Website', 'Mobile app', 'Phone menu', 'Checkout', 'Delivery', 'Devices', 'Accounts'] as const;
type SeededArea = (typeof seededAreaNames)[number];

const things: Record<SeededArea, string[]> = {
  Website: [
    'search results page', 'product filter', 'size guide', 'store locator', 'comparison table', 'cookie banner', 'wishlist',
    'product photos', 'review section', 'newsletter sign-up', 'help centre', 'contact form', 'live chat widget', 'landing page',
    'category menu', 'stock indicator', 'gift finder', 'order tracking page', 'returns portal', 'language switcher',
  ],
  'Mobile app': [
    'login screen', 'push notifications', 'barcode scanner', 'dark mode', 'home feed', 'offline mode', 'order history',
    'app update', 'Android widget', 'iPad layout', 'fingerprint login', 'photo upload', 'in-app chat', 'loyalty card',
    'shopping list', 'notification settings', 'onboarding tour', 'app rating prompt', 'accessibility labels', 'font scaling',
  ],
  'Phone menu': [
    'hold music', 'callback option', 'menu options', 'queue announcement', 'voice recognition', 'opening hours message',
    'language selection', 'transfer to billing', 'voicemail', 'estimated wait time', 'keypad input', 'identity check',
    'after-hours line', 'survey at the end of the call', 'recorded greeting',
  ],
  Checkout: [
    'payment page', 'discount code', 'gift card', 'delivery options step', 'address lookup', 'card validation', 'PayPal button',
    'instalment plan', 'order summary', 'VAT calculation', 'guest checkout', 'basket', 'promo banner', 'confirmation email',
    'saved cards', 'shipping cost', 'order total', 'Apple Pay', 'bank transfer option', 'three-D Secure step',
  ],
  Delivery: [
    'delivery slot', 'courier', 'parcel locker', 'tracking number', 'delivery estimate', 'signature requirement', 'packaging',
    'return label', 'pickup point', 'express shipping', 'damaged parcel', 'missing item', 'delivery notification', 'split shipment',
    'customs fees', 'weekend delivery', 'safe place instruction', 'collection from store',
  ],
  Devices: [
    'charger', 'battery', 'firmware update', 'touchscreen', 'Bluetooth pairing', 'power button', 'speaker', 'camera module',
    'setup guide', 'warranty registration', 'replacement part', 'charging cable', 'smart hub', 'sensor', 'remote control',
    'wall mount', 'display', 'Wi-Fi module', 'device reset', 'protective case',
  ],
  Accounts: [
    'password reset', 'two-factor code', 'email change', 'account deletion', 'subscription', 'invoice download', 'marketing consent',
    'address book', 'loyalty points', 'business account', 'account lockout', 'data export', 'profile page', 'family sharing',
    'refund balance', 'direct debit', 'billing address', 'payment history', 'student discount', 'referral credit',
  ],
};

const customers = [
  'a first-time customer', 'a long-standing customer', 'an elderly customer', 'a small business owner', 'a customer abroad',
  'a customer with a screen reader', 'a parent ordering for school', 'a customer on a slow connection', 'a reseller',
  'a customer who had already called twice', 'a nurse on a night shift', 'a student', 'a customer in a rural area',
  'a customer with a large order', 'a customer who was moving house', 'a teacher', 'a customer buying a gift',
  'a customer with a visual impairment', 'a customer on an old phone', 'a customer paying in instalments',
];

const problems = [
  'times out', 'shows the wrong price', 'freezes after a few seconds', 'loses what was typed', 'does not load at all',
  'shows an error with no explanation', 'rejects valid input', 'is hidden below the fold', 'charges twice', 'sends duplicate emails',
  'resets without warning', 'drains quickly', 'stops responding', 'shows stale information', 'crashes on start',
  'gives a different answer each time', 'logs people out', 'is in the wrong language', 'disagrees with the invoice',
  'cannot be found', 'overheats', 'arrives late', 'flickers', 'is missing a step', 'asks for the same details twice',
  'ignores the saved preference', 'rounds the amount wrongly', 'breaks after the update', 'is unreadable on small screens',
  'keeps spinning', 'skips the confirmation', 'sends the code too late', 'shows someone else’s address', 'fails silently',
];

const confusions = [
  'could not work out how to', 'gave up trying to', 'thought it was impossible to', 'needed three attempts to',
  'called us because they could not', 'asked for help to', 'expected a button to', 'did not realise they had to',
];

const goals = [
  'change the delivery address', 'cancel an order', 'apply a discount', 'find the invoice', 'update their card',
  'pause a subscription', 'return one item from an order', 'book a repair', 'register the warranty', 'reset the device',
  'track the parcel', 'switch to paperless billing', 'merge two accounts', 'download a receipt', 'change the plan',
  'add a second address', 'reorder the same items', 'contact a person', 'check the stock in store', 'split the payment',
];

const wishes = [
  'an option to', 'a simple way to', 'a reminder before they', 'the chance to', 'a setting to', 'a shortcut to',
  'a clear message when they', 'a page that lets them',
];

const documentationIssues = [
  'is out of date', 'contradicts what the app shows', 'uses internal jargon', 'has a broken link', 'leaves out the last step',
  'is only in English', 'shows screenshots of the old design', 'never mentions the fee', 'is impossible to find from search',
];

const billingIssues = [
  'was charged before dispatch', 'saw a fee they did not expect', 'received a refund in two parts', 'was billed in the wrong currency',
  'got an invoice without the company name', 'paid but the order still says unpaid', 'was charged after cancelling',
  'was refused the promised credit', 'got a reminder for a paid invoice',
];

const supplierIssues = [
  'a batch with loose connectors', 'units that arrive without the manual', 'a supplier part that rattles', 'boxes missing the charger',
  'a replacement that is a different model', 'labels with the wrong serial number', 'devices shipped on old firmware',
];

const policies = [
  'the thirty-day return window', 'the proof of purchase rule', 'the restocking fee', 'the identity check on the phone',
  'the limit of one discount per order', 'the warranty exclusion for accidental damage', 'the minimum order value',
  'the rule that refunds go to the original card', 'the price match policy', 'the cut-off time for next-day delivery',
];

const praise = [
  'loved', 'was delighted with', 'thanked us for', 'said they will recommend us because of', 'was impressed by', 'called just to praise',
];

const praisedThings = [
  'how fast the refund arrived', 'the courier’s care', 'the new tracking page', 'the quality of the packaging', 'the clear setup guide',
  'the friendly hold message', 'how easy the return was', 'the replacement arriving the next day', 'the patience of the agent',
];

const contexts = [
  'after the latest update', 'on older Android phones', 'on iPhones', 'only in the evening', 'during the sale', 'at month end',
  'when paying by card', 'with a business account', 'when ordering more than ten items', 'from abroad', 'on the second attempt',
  'since last week', 'after a password change', 'when the basket holds a gift card', 'with the browser zoomed in',
  'over a VPN', 'on weekends', 'with a saved address', 'on the first order', 'when switching language',
];

const impacts = [
  'so they called us instead', 'and nearly cancelled the order', 'and posted about it online', 'which cost them a working day',
  'and asked to speak to a manager', 'and said they would shop elsewhere', 'and wanted compensation', 'and were very patient about it',
  'and it took twenty minutes to sort out', 'which several callers mentioned today', 'and had to visit a store',
];

const quotes = [
  'I just want it to work like it used to.', 'Why do I have to tell you this again?', 'Nobody told me about this.',
  'Your website says something else.', 'I have been waiting all week.', 'This is the third time I am calling.',
  'I am not very good with computers.', 'It was so much easier before.', 'Can you just do it for me?',
  'I would happily pay a bit more for this.', 'Honestly, that was brilliant.', 'I will have to return it otherwise.',
];

const situations = [
  'Inbound call routed from the main menu.', 'Chat started from the help centre.', 'Customer had an open ticket already.',
  'Came in through the social media team.', 'Escalated by a colleague in the first line.', 'Customer was in a store at the time.',
  'Third contact about the same order.', 'Raised at the end of an unrelated call.',
];

/** Product areas each category most often concerns: billing is about checkout and accounts, and so on. */
const areasOf: Record<SeededCategory, SeededArea[]> = {
  usability: ['Website', 'Mobile app', 'Checkout', 'Phone menu', 'Accounts'],
  defect: ['Website', 'Mobile app', 'Checkout', 'Devices', 'Accounts'],
  'missing feature': ['Website', 'Mobile app', 'Accounts', 'Delivery', 'Checkout'],
  documentation: ['Website', 'Devices', 'Accounts', 'Delivery'],
  billing: ['Checkout', 'Accounts'],
  'delivery and fulfilment': ['Delivery'],
  'hardware and suppliers': ['Devices'],
  'policy and process': ['Delivery', 'Accounts', 'Checkout', 'Phone menu'],
  praise: ['Delivery', 'Website', 'Mobile app', 'Devices', 'Phone menu'],
  other: ['Website', 'Phone menu', 'Accounts'],
};

const categoryWeights: Record<SeededCategory, number> = {
  usability: 18, defect: 20, 'missing feature': 12, documentation: 6, billing: 10, 'delivery and fulfilment': 12,
  'hardware and suppliers': 6, 'policy and process': 7, praise: 5, other: 4,
};

export interface InsightText {
  category: SeededCategory;
  area: SeededArea;
  summary: string;
  verbatim: string;
  situation: string | null;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One insight's category, area and words. */
export function composeInsight(faker: Faker): InsightText {
  const pick = <T>(items: readonly T[]) => faker.helpers.arrayElement(items);
  const category = faker.helpers.weightedArrayElement(seededCategoryNames.map((name) => ({ value: name, weight: categoryWeights[name] })));
  const area = pick(areasOf[category]);
  const thing = pick(things[area]);
  const other = pick(things[area]);
  const who = pick(customers);
  const when = pick(contexts);
  const sentences: Record<SeededCategory, () => [string, string]> = {
    usability: () => [`Customers ${pick(confusions)} ${pick(goals)} from the ${thing}`, `${capitalise(who)} ${pick(confusions)} ${pick(goals)} ${when} ${pick(impacts)}.`],
    defect: () => [`The ${thing} ${pick(problems)} ${when}`, `${capitalise(who)} reported that the ${thing} ${pick(problems)} ${when}, and the ${other} ${pick(problems)} too, ${pick(impacts)}.`],
    'missing feature': () => [`Customers want ${pick(wishes)} ${pick(goals)}`, `${capitalise(who)} asked for ${pick(wishes)} ${pick(goals)} in the ${thing} ${pick(impacts)}.`],
    documentation: () => [`The help article on the ${thing} ${pick(documentationIssues)}`, `${capitalise(who)} followed our guide to the ${thing}, which ${pick(documentationIssues)}, ${pick(impacts)}.`],
    billing: () => [`Customer ${pick(billingIssues)} via the ${thing}`, `${capitalise(who)} ${pick(billingIssues)} ${when}; the ${other} ${pick(problems)} ${pick(impacts)}.`],
    'delivery and fulfilment': () => [`Problems with the ${thing} ${when}`, `${capitalise(who)} said the ${thing} ${pick(problems)} and the ${other} ${pick(problems)} ${pick(impacts)}.`],
    'hardware and suppliers': () => [`Returns mention ${pick(supplierIssues)}`, `${capitalise(who)} received ${pick(supplierIssues)}; the ${thing} ${pick(problems)} ${when} ${pick(impacts)}.`],
    'policy and process': () => [`Customers push back on ${pick(policies)}`, `${capitalise(who)} did not accept ${pick(policies)} for the ${thing} ${when} ${pick(impacts)}.`],
    praise: () => [`Praise for ${pick(praisedThings)}`, `${capitalise(who)} ${pick(praise)} ${pick(praisedThings)} and the ${thing}.`],
    other: () => [`Question about the ${thing} ${when}`, `${capitalise(who)} asked about the ${thing} and the ${other} ${when}.`],
  };
  const [summary, account] = sentences[category]();
  const verbatim = faker.datatype.boolean(0.6) ? `${account} In their words: “${pick(quotes)}”` : account;
  return { category, area, summary: summary.slice(0, 160), verbatim, situation: faker.datatype.boolean(0.4) ? pick(situations) : null };
}
