const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Any date with an optional time and offset, read loosely so that what is wrong with it can be named. */
const LOOSE = /^(\d{4})-(\d{2})-(\d{2})(?:([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

const leapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month (1 to 12) of a year, by the Gregorian calendar RFC 3339 uses. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (leapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** What an instant looks like; the reason given when no more precise one is known (it does not name the value). */
export const INSTANT_EXPECTED = 'expected an RFC 3339 date-time with seconds and an offset (2025-07-22T17:00:00Z) or a plain date (2025-07-22)';

/**
 * Why a text `parseInstant` refused is not an instant, for a person to fix
 * it: a day the month does not have (naming the month and its days, and
 * leap years for 29 February), a month, hour, minute or second out of
 * range, a missing offset or seconds. Each names the part written;
 * `INSTANT_EXPECTED` is the fallback.
 */
export function instantProblem(value: string): string {
  const general = INSTANT_EXPECTED;
  const m = LOOSE.exec(value);
  if (!m) return general;
  const [, yearText, monthText, dayText, separator, hour, minute, second, offset] = m;
  const [year, month, day] = [Number(yearText), Number(monthText), Number(dayText)];
  const date = `${yearText}-${monthText}-${dayText}`;
  if (month < 1 || month > 12) return `${date} is not a date: months go from 01 to 12`;
  const days = daysInMonth(year, month);
  if (day < 1) return `${date} is not a date: days go from 01`;
  if (day > days) {
    const name = MONTHS[month - 1]!;
    const leap = month === 2 && day === 29 ? `${year} is not a leap year, so February has 28 days` : `${name} has ${days} days`;
    return `${date} is not a date: ${leap}`;
  }
  if (separator === undefined) return general;
  if (Number(hour) > 23) return `${hour}:${minute} is not a time: hours go from 00 to 23${hour === '24' ? ' (midnight ending a day is 00:00:00 of the next)' : ''}`;
  if (Number(minute) > 59) return `${hour}:${minute} is not a time: minutes go from 00 to 59`;
  if (second !== undefined && Number(second) > 59) return `${hour}:${minute}:${second} is not a time: seconds go from 00 to 59`;
  if (separator === ' ') return `${value} has a space between date and time; RFC 3339 writes T: ${value.replace(' ', 'T')}`;
  if (second === undefined) return `${value} has no seconds; write ${hour}:${minute}:00`;
  if (offset === undefined) return `${value} has no offset; add Z for UTC (${value}Z) or an offset such as +02:00`;
  if (!/^[Zz]$|^[+-]\d{2}:\d{2}$/.test(offset)) return `${value} has the offset ${offset}; RFC 3339 writes it with a colon, ${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const [offsetHours, offsetMinutes] = offset.toUpperCase() === 'Z' ? [0, 0] : [Number(offset.slice(1, 3)), Number(offset.slice(4, 6))];
  if (offsetHours > 23 || offsetMinutes > 59) return `${value} has the offset ${offset}; offsets go up to 23:59`;
  // Everything else reads: the offset carries the instant out of the years 0000 to 9999.
  return `${value} falls outside the years 0000 to 9999 once the offset is applied`;
}
