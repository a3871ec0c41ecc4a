import { describe, expect, it } from 'vitest';
import { parseArgs, USAGE } from '../../electron/launch/args';

describe('launcher parseArgs', () => {
  it('defaults to Electron on the fixed port', () => {
    expect(parseArgs([])).toEqual({ ok: true, options: { browser: false, noOpen: false, keepServing: false, port: undefined } });
  });

  it('reads every flag', () => {
    expect(parseArgs(['--browser', '--no-open', '--keep-serving', '--port', '5000'])).toEqual({
      ok: true,
      options: { browser: true, noOpen: true, keepServing: true, port: 5000 },
    });
  });

  it('refuses an unknown flag by name', () => {
    const parsed = parseArgs(['--browser', '--bogus']);
    expect(parsed).toEqual({ ok: false, error: '未知参数：--bogus' });
  });

  it.each([[[]], [['abc']], [['0']], [['70000']], [['12.5']]])('refuses a bad --port value %j', (rest) => {
    const parsed = parseArgs(['--port', ...rest]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^--port 需要/);
  });

  it('usage names every flag', () => {
    for (const flag of ['--browser', '--no-open', '--keep-serving', '--port']) expect(USAGE).toContain(flag);
  });
});
