import { expect, test } from 'vitest';
import { dayGrid } from '../../../src/core/dayGrid';
import { dayBoundaries } from '../../../src/core/zone';

// The fast walk must give exactly zone.dayBoundaries, including zones whose DST change happens at midnight
// (America/Santiago, America/Havana, Asia/Beirut), half-hour offsets and Lord Howe's 30-minute DST.
test.each(['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Apia'])(
  'dayGrid equals dayBoundaries over 2 years in %s',
  (tz) => {
    expect(dayGrid('2024-01-01', '2025-12-31', tz)).toEqual(dayBoundaries('2024-01-01', '2025-12-31', tz));
  },
);
