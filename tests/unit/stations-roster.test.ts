import { describe, expect, it } from 'vitest';
import { verifyStations } from '../../shared/stations/chains';
import { logCategories } from '../../shared/log/types';
import { headsOf } from '../../shared/stations/chains';
import { admission, categoryRoles, foldRoster, genesisInput, isRevoked, mayWrite, rosterInput, standingAt, takeOverInput, type RoleGrant } from '../../shared/stations/roster';
import { OP, operator, pairedOperation, SimStation, sync } from './stations-helpers';

const leader: RoleGrant = { role: 'groupLeader', group: 'security' };

describe('the station roster', () => {
  it('the genesis entry makes its writer the commander; pairings give roles from seq 1', async () => {
    const { commander, stations } = await pairedOperation([['安保组手机', leader], ['证据组平板', { role: 'evidenceClerk' }]]);
    const roster = foldRoster(commander.entries());
    expect(roster.anchor).toBe(commander.key);
    expect(roster.problems).toEqual([]);
    expect(standingAt(roster, stations[0]!.key, 1)).toEqual({ ok: true, grant: leader });
    expect(standingAt(roster, stations[1]!.key, 99)).toEqual({ ok: true, grant: { role: 'evidenceClerk' } });
    expect(roster.stations.get(stations[1]!.key)?.name).toBe('证据组平板');
  });

  it('an unpaired station is refused, with the reason', async () => {
    const { commander } = await pairedOperation([]);
    const stranger = new SimStation('stranger');
    const entry = await stranger.note('x');
    expect(admission(foldRoster(commander.entries()), entry)).toMatch(/未经指挥工作站配对/);
  });

  it('role change and revocation take effect from the station’s own seq, whatever the clocks say', async () => {
    const { commander, stations } = await pairedOperation([['手机', leader]]);
    const phone = stations[0]!;
    for (let i = 0; i < 3; i++) await phone.note(`巡查 ${i}`, undefined, 'security');
    sync(commander, phone);
    await commander.write(rosterInput('role', { key: phone.key, name: '手机', grant: { role: 'observer' }, fromSeq: 4 }, operator));
    await phone.note('角色变更前已离线写的', undefined, 'security'); // seq 4
    const roster = foldRoster([...commander.entries(), ...phone.entries()]);
    const [e3, e4] = [3, 4].map((s) => phone.entries().find((e) => e.writer === phone.key && e.seq === s)!);
    expect(admission(roster, e3!)).toBeNull();
    expect(admission(roster, e4!)).toMatch(/观察员工作站只能查看/);
    await commander.write(rosterInput('revoke', { key: phone.key, name: '手机', fromSeq: 5 }, operator));
    const after = foldRoster(commander.entries());
    expect(isRevoked(after, phone.key)).toBe(true);
    const e5 = await phone.note('撤销后', undefined, 'security');
    expect(admission(after, e5)).toBe(`工作站「手机」（${phone.key.slice(0, 8)}）已于其第 5 条记录起被撤销，第 5 条记录不予接受`);
  });

  it('only the commander’s chain changes the roster; a second genesis is not trusted without an anchor', async () => {
    const { commander, stations } = await pairedOperation([['副指挥', { role: 'deputy' }]]);
    const deputy = stations[0]!;
    const sneaky = await deputy.write(rosterInput('pair', { key: new SimStation('x').key, name: 'x', grant: { role: 'commander' }, fromSeq: 1 }, operator));
    expect(admission(foldRoster(commander.entries()), sneaky)).toMatch(/只有现场执行指挥工作站可以配对/);
    const rival = new SimStation('rival');
    await rival.write(genesisInput(rival.key, '另一个指挥', operator));
    const both = [...commander.entries(), ...rival.entries()];
    expect(foldRoster(both).anchor).toBeNull();
    expect(foldRoster(both).problems[0]).toMatch(/2 个不同工作站的创始记录/);
    expect(foldRoster(both, commander.key).anchor).toBe(commander.key);
    expect(verifyStations(both, { op: OP, signatures: 'all' }).ok).toBe(true);
  });
});

describe('mayWrite', () => {
  const entry = (category: Parameters<typeof mayWrite>[1]['category'], group = '', tables: string[] = []) => ({
    category,
    group,
    act: { kind: 'x', changes: tables.map((table) => ({ table, op: 'put' as const, id: '1' })) },
  });

  it('a group leader cannot declare phases, stop or resume (legal basis in the message)', () => {
    for (const c of ['phase', 'suspension', 'resumption'] as const) {
      expect(mayWrite(leader, entry(c, 'security'))).toBe('只有现场执行指挥或副指挥可以宣布执行环节、停止、恢复或终结执行（工作组组长不能）');
    }
    expect(mayWrite({ role: 'commander' }, entry('phase'))).toBeNull();
  });

  it('the deputy commands too (shared/operators/permissions.ts): declarations and command changes, never the roster', () => {
    const deputy: RoleGrant = { role: 'deputy' };
    for (const c of ['phase', 'suspension', 'resumption', 'termination', 'command', 'edit'] as const) expect(mayWrite(deputy, entry(c))).toBeNull();
    expect(mayWrite(deputy, entry('roster'))).toBe('只有现场执行指挥工作站可以配对、变更角色或撤销工作站');
    expect(mayWrite(leader, entry('command', 'security'))).toBe('只有现场执行指挥或副指挥可以调整指挥和分组（工作组组长不能）');
    expect(mayWrite(leader, entry('edit', 'security', ['tasks']))).toBeNull();
  });

  it('every category of the one list is decided for every role', () => {
    const roles = ['commander', 'deputy', 'groupLeader', 'evidenceClerk', 'notary', 'observer', 'hub'] as const;
    for (const c of logCategories) {
      expect(categoryRoles[c], c).toBeDefined();
      for (const role of roles) {
        const answer = mayWrite({ role, group: 'security' }, entry(c, 'security'));
        expect(answer === null || typeof answer === 'string').toBe(true);
        if (role === 'commander') expect(answer, c).toBeNull();
        if (role === 'observer') expect(answer).not.toBeNull();
      }
    }
  });

  it('a group leader writes for its own group and its own tables only', () => {
    expect(mayWrite(leader, entry('checkIn', 'security', ['tasks']))).toBeNull();
    expect(mayWrite(leader, entry('checkIn', 'inventory'))).toMatch(/只能为本组（security）记录/);
    expect(mayWrite(leader, entry('note', 'security', ['subjects']))).toMatch(/不能修改「subjects」/);
    expect(mayWrite(leader, entry('countersign'))).toBeNull();
  });

  it('an observer writes nothing; the hub writes only checkpoints and clock records', () => {
    expect(mayWrite({ role: 'observer' }, entry('ack'))).toBe('观察员工作站只能查看，不能写入记录');
    expect(mayWrite({ role: 'hub' }, entry('checkpoint'))).toBeNull();
    expect(mayWrite({ role: 'hub' }, entry('note'))).toMatch(/同步中心工作站不能写入此类记录/);
    expect(mayWrite({ role: 'evidenceClerk' }, entry('mediaRegister', 'evidence', ['media']))).toBeNull();
    expect(mayWrite({ role: 'notary' }, entry('custody'))).toMatch(/公证人员工作站不能写入此类记录/);
  });
});

describe('taking an operation over (a station that imported a backup)', () => {
  /** A commander and a phone that wrote two notes; `taker` takes over from all their heads. */
  async function takenOver() {
    const { commander, stations } = await pairedOperation([['手机', leader]]);
    const phone = stations[0]!;
    await phone.note('一', undefined, 'security');
    await phone.note('二', undefined, 'security');
    sync(commander, phone);
    const taker = new SimStation('承接');
    taker.receive(commander.entries());
    const heads = new Map([...headsOf(taker.entries())]);
    await taker.write(takeOverInput(taker.key, '承接', operator, { anchor: commander.key, heads }));
    return { commander, phone, taker };
  }

  it('the genesis that takes over stands in place of the one it carries on from; what it carried stands under the old roster', async () => {
    const { commander, phone, taker } = await takenOver();
    const roster = foldRoster(taker.entries());
    expect(roster.anchor).toBe(taker.key);
    expect(roster.problems).toEqual([]);
    expect(roster.carried?.roster.anchor).toBe(commander.key);
    for (const e of taker.entries()) expect(admission(roster, e)).toBeNull();
    // Later entries of the phone and of the old commander are not carried.
    const late = await phone.note('三', undefined, 'security');
    expect(admission(roster, late)).toMatch(/第 3 条记录不予接受：本行动已由工作站「承接」承接（导入备份），只承接该工作站至第 2 条的记录/);
    const old = await commander.note('旧指挥工作站继续记录');
    expect(admission(roster, old)).toMatch(/本行动已由工作站「承接」承接/);
  });

  it('an entry that differs from the head taken over is refused', async () => {
    const { phone, taker } = await takenOver();
    const roster = foldRoster(taker.entries());
    const forked = new SimStation('手机');
    forked.receive(phone.entries().filter((e) => e.writer !== phone.key || e.seq < 2));
    const other = await forked.note('另一个第二条', Date.UTC(2026, 2, 5, 3), 'security');
    expect(other.seq).toBe(2);
    expect(admission(roster, other)).toMatch(/第 2 条记录与工作站「承接」承接本行动时记载的不符/);
  });

  it('a station that founded the operation keeps its anchor: a take-over arriving from elsewhere changes nothing there', async () => {
    const { commander, taker } = await takenOver();
    const roster = foldRoster(taker.entries(), commander.key);
    expect(roster.anchor).toBe(commander.key);
    expect(admission(roster, taker.entries().find((e) => e.writer === taker.key)!)).toMatch(/未经指挥工作站配对/);
  });

  it('two stations that each claim to take over from the other end the fold, with no anchor', async () => {
    const a = new SimStation('甲');
    const b = new SimStation('乙');
    const ga = await a.write(genesisInput(a.key, '甲', operator));
    const gb = await b.write(genesisInput(b.key, '乙', operator));
    const x = new SimStation('甲');
    const y = new SimStation('乙');
    x.receive([gb]);
    y.receive([ga]);
    await x.write(takeOverInput(x.key, '甲', operator, { anchor: b.key, heads: new Map([[b.key, { seq: 1, hash: gb.hash }]]) }));
    await y.write(takeOverInput(y.key, '乙', operator, { anchor: a.key, heads: new Map([[a.key, { seq: 1, hash: ga.hash }]]) }));
    const roster = foldRoster([...x.entries(), ...y.entries()].filter((e) => e.seq > 1 || e.data['succeeds']));
    expect(roster.anchor).toBeNull();
  });
});
