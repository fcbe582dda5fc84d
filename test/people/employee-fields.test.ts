import { z } from 'zod';
import { optionalDateField, parseCalendarDate } from '../../src/people/employee-fields';

describe('employee date fields', () => {
  const schema = z.object({ terminationDate: optionalDateField('termination date', 'dd/MM/yyyy') });

  it('treat a blank optional date as none and accept ISO or the organisation format', () => {
    expect(schema.parse({ terminationDate: '' })).toEqual({ terminationDate: null });
    expect(schema.parse({})).toEqual({ terminationDate: null });
    expect(schema.parse({ terminationDate: '31/01/2027' })).toEqual({ terminationDate: '2027-01-31' });
    expect(parseCalendarDate('2027-02-30')).toBeNull();
  });

  it('explain a badly written optional date in words', () => {
    const result = schema.safeParse({ terminationDate: '31.01.2027' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe('Enter the termination date as a date (YYYY-MM-DD or DD/MM/YYYY)');
  });
});
