// Numbers as pages write them: 12,345 and 1,234.57. Number#toLocaleString builds a new formatter on every call,
// which cost a dashboard a third of its rendering time; these two are built once.
const wholeNumbers = new Intl.NumberFormat('en');
const toHundredths = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** 12345 → "12,345" */
export const numberText = (value: number): string => wholeNumbers.format(value);

/** 1234.567 → "1,234.57" */
export const hundredthsText = (value: number): string => toHundredths.format(value);
