import { describe, expect, it } from 'vitest';
import { daysInMonth, INSTANT_EXPECTED, instantProblem } from '../../../src/core/schema/instant-problem.ts';

describe('instantProblem', () => {
  it('knows the days of every month, leap years by the Gregorian rule', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2025, month))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([2024, 2000, 1900, 2100].map((year) => daysInMonth(year, 2))).toEqual([29, 29, 28, 28]);
  });

  it.each([
    ['2026-11-31T17:00:00Z', '2026-11-31 is not a date: November has 30 days'],
    ['2025-02-29', '2025-02-29 is not a date: 2025 is not a leap year, so February has 28 days'],
    ['1900-02-29', '1900-02-29 is not a date: 1900 is not a leap year, so February has 28 days'],
    ['2024-02-30', '2024-02-30 is not a date: February has 29 days'],
    ['2025-00-10', '2025-00-10 is not a date: months go from 01 to 12'],
    ['2025-07-00', '2025-07-00 is not a date: days go from 01'],
    ['2025-07-22T24:00:00Z', '24:00 is not a time: hours go from 00 to 23 (midnight ending a day is 00:00:00 of the next)'],
    ['2025-07-22T17:60:00Z', '17:60 is not a time: minutes go from 00 to 59'],
    ['2025-07-22T17:00:60Z', '17:00:60 is not a time: seconds go from 00 to 59'],
    ['2025-07-22 17:00:00Z', '2025-07-22 17:00:00Z has a space between date and time; RFC 3339 writes T: 2025-07-22T17:00:00Z'],
    ['2025-07-22T17:00Z', '2025-07-22T17:00Z has no seconds; write 17:00:00'],
    ['2025-07-22T17:00:00', '2025-07-22T17:00:00 has no offset; add Z for UTC (2025-07-22T17:00:00Z) or an offset such as +02:00'],
    ['2025-07-22T17:00:00+0200', '2025-07-22T17:00:00+0200 has the offset +0200; RFC 3339 writes it with a colon, +02:00'],
    ['2025-07-22T17:00:00+24:00', '2025-07-22T17:00:00+24:00 has the offset +24:00; offsets go up to 23:59'],
    ['9999-12-31T23:00:00-02:00', '9999-12-31T23:00:00-02:00 falls outside the years 0000 to 9999 once the offset is applied'],
    ['next Tuesday', INSTANT_EXPECTED],
  ])('%s: %s', (value, reason) => {
    expect(instantProblem(value)).toBe(reason);
  });
});
