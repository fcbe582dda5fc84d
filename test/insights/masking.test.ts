import { describeMasked, maskPersonalData, passesLuhn } from '../../src/insights/masking';

describe('masking personal data', () => {
  it('checks card numbers with the Luhn algorithm', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('5500000000000004')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('79927398713')).toBe(true);
  });

  it.each([
    ['an email address', 'write to a.b-c+tag@sub.example.co.uk please', 'write to [email removed] please', [{ kind: 'email', count: 1 }]],
    ['an international phone number', 'call +44 20 7946 0958 today', 'call [phone number removed] today', [{ kind: 'phone', count: 1 }]],
    ['a phone number in brackets', 'on (555) 123-4567.', 'on [phone number removed].', [{ kind: 'phone', count: 1 }]],
    ['a card with spaces', 'card 4111 1111 1111 1111 failed', 'card [card number removed] failed', [{ kind: 'card', count: 1 }]],
    ['a card with dashes', 'card 5500-0000-0000-0004', 'card [card number removed]', [{ kind: 'card', count: 1 }]],
    ['a 19-digit card', 'card 6011 0000 0000 0000 001', 'card [card number removed]', [{ kind: 'card', count: 1 }]],
  ])('masks %s', (_case, text, masked, counts) => {
    expect(maskPersonalData(text)).toEqual({ text: masked, masked: counts });
  });

  it.each([
    ['a card-like number failing the Luhn check', 'reference 4111 1111 1111 1112'],
    ['dates and times', 'on 2027-03-29 at 09:30, or 29.03.2027'],
    ['an order number', 'order 12345678 arrived'],
    ['amounts and counts', 'paid 1,299.00 EUR for 3 items in 2 boxes'],
  ])('leaves %s alone', (_case, text) => {
    expect(maskPersonalData(text)).toEqual({ text, masked: [] });
  });

  it('says what was masked in words', () => {
    expect(describeMasked([{ kind: 'email', count: 2 }])).toBe('2 email addresses');
    expect(describeMasked([{ kind: 'email', count: 1 }, { kind: 'card', count: 1 }, { kind: 'phone', count: 3 }])).toBe('1 email address, 1 card number and 3 phone numbers');
  });
});
