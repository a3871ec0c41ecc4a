import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSchedules, EXAMPLE_OFFICIAL_SCHEDULE, restDayInfo } from '../../shared/calendar';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { loadScheduleFile, registerStoredSchedules } from '../../renderer/src/settings/settings';

let db: ConsoleDb;
let n = 0;
afterEach(async () => {
  clearRegisteredSchedules();
  await db?.delete();
});

/** A plausible schedule for 2031, a year with no built-in one. */
function schedule2031(): unknown {
  return {
    year: 2031,
    source: '国办发明电〔2030〕9号',
    holidays: [
      { name: '元旦', dates: ['2031-01-01'] },
      { name: '春节', dates: ['2031-01-22', '2031-01-23', '2031-01-24', '2031-01-25', '2031-01-26', '2031-01-27', '2031-01-28'] },
      { name: '清明节', dates: ['2031-04-05', '2031-04-06', '2031-04-07'] },
      { name: '劳动节', dates: ['2031-05-01', '2031-05-02', '2031-05-03', '2031-05-04', '2031-05-05'] },
      { name: '端午节', dates: ['2031-06-24'] },
      { name: '国庆节', dates: ['2031-10-01', '2031-10-02', '2031-10-03', '2031-10-04', '2031-10-05', '2031-10-06', '2031-10-07'] },
    ],
    workdays: [{ name: '春节', dates: ['2031-01-18'] }],
  };
}

describe('holiday schedule files', () => {
  it('refuses a file that is not a valid schedule, with the reason, and stores nothing', async () => {
    db = openConsoleDb(`settings-${++n}`);
    await expect(loadScheduleFile(db, '{not json')).rejects.toThrow('不是有效的 JSON');
    await expect(loadScheduleFile(db, JSON.stringify({ year: 2031 }))).rejects.toThrow('节假日安排文件有误');
    expect(await db.settings.get('officialSchedules')).toBeUndefined();
  });

  it('stores a loaded file, registers it, and registers it again after a restart', async () => {
    db = openConsoleDb(`settings-${++n}`);
    expect(restDayInfo('2031-01-27').scheduleKnown).toBe(false);
    const loaded = await loadScheduleFile(db, JSON.stringify(schedule2031()));
    expect(loaded.year).toBe(2031);
    expect(restDayInfo('2031-01-27')).toMatchObject({ rest: true, scheduleKnown: true });

    clearRegisteredSchedules();
    expect(restDayInfo('2031-01-27').scheduleKnown).toBe(false);
    expect((await registerStoredSchedules(db)).map((s) => s.year)).toEqual([2031]);
    expect(restDayInfo('2031-01-27').scheduleKnown).toBe(true);
  });

  it('replaces the file for the same year', async () => {
    db = openConsoleDb(`settings-${++n}`);
    await loadScheduleFile(db, JSON.stringify(EXAMPLE_OFFICIAL_SCHEDULE));
    await loadScheduleFile(db, JSON.stringify({ ...EXAMPLE_OFFICIAL_SCHEDULE, source: '国办发明电〔2024〕12号（更正）' }));
    const stored = await registerStoredSchedules(db);
    expect(stored.map((s) => s.source)).toEqual(['国办发明电〔2024〕12号（更正）']);
  });
});
