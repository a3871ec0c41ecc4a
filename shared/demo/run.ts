// Pure. Runs the demo's acts the way the app's one write path runs them
// (renderer/src/record/commit.ts): each act is decided by the capability's own pure function
// from the records as they stand, its entry signed on the station that makes it, and its record
// changes folded into the records held in memory. Issuing renders the PDF once, with the head
// the issuing station would print, and freezes it as the app does.
import { APP_NAME } from '../app/identity';
import { buildBackup, type OperationBackup } from '../archive/backup';
import { filesToCarry, recordBytes } from '../archive/stationFiles';
import { documentToIssue, issueDocumentOutcome } from '../documents/acts';
import type { DocumentFonts } from '../documents/fonts';
import type { DocumentRecord, PostingRecord, ServiceRecord } from '../documents/records';
import { renderIssuableDocument } from '../documents/registry';
import { printedHead } from '../log/head';
import { inLogOrder } from '../log/order';
import type { ChainHead, LogEntry } from '../log/types';
import { logView, stationNames } from '../log/view';
import type { Operation } from '../operation/types';
import { applyChanges, emptyRecordSet, type ActOutcome, type RecordSet, type RecordTable } from '../record/act';
import { actEntryInput } from '../record/actEntry';
import { sha256Hex } from '../stations/canonical';
import { genesisInput } from '../stations/roster';
import type { EntryInput } from '../stations/entry';
import { DemoStations, type DemoStation } from './stations';

/** Who acts: the person signed in on a station ('' personId before anyone can sign in). */
export interface DemoActor {
  station: DemoStation;
  personId: string;
  name: string;
}

/** Any of the capabilities' form decisions: refused field by field, or an act (none when nothing changed). */
type FormDecision<R> = { ok: false; errors: Record<string, string> } | { ok: true; act?: ActOutcome<R> | null; outcome?: ActOutcome<R> | null };

/** The act of a decision made from a form; the demo's input is fixed, so a refusal is a bug in it. */
export function actOf<R>(decision: FormDecision<R>): ActOutcome<R> {
  if (!decision.ok) throw new Error(`示例数据未通过校验：${Object.values(decision.errors).join('；')}`);
  const act = decision.act ?? decision.outcome;
  if (!act) throw new Error('示例数据与现有记录相同，没有可记录的内容');
  return act;
}

export class DemoRun {
  readonly records: RecordSet = emptyRecordSet();
  readonly stations: DemoStations;
  /** The bytes of the entries' files, by file name (the SHA-256 of the bytes). */
  readonly files = new Map<string, Uint8Array>();
  private commanderStation: DemoStation | undefined;

  constructor(
    readonly operationId: string,
    readonly fonts: DocumentFonts,
  ) {
    this.stations = new DemoStations(operationId);
  }

  list<T>(table: RecordTable): T[] {
    return [...this.records[table].values()] as unknown as T[];
  }

  get operation(): Operation {
    const operation = this.records.operations.get(this.operationId);
    if (!operation) throw new Error('示例行动尚未载入');
    return operation as unknown as Operation;
  }

  get documents(): DocumentRecord[] {
    return this.list<DocumentRecord>('documents');
  }

  get services(): ServiceRecord[] {
    return this.list<ServiceRecord>('services');
  }

  get postings(): PostingRecord[] {
    return this.list<PostingRecord>('postings');
  }

  /** The log as the app lists it: every station's entries in merged order, named by the roster. */
  log(): LogEntry[] {
    const names = stationNames(this.stations.entries);
    return inLogOrder(this.stations.entries.map((e) => logView(e, names.get(e.writer))));
  }

  /** The head a PDF issued on `station` prints now (no hub, so no checkpoint: its own latest entry). */
  head(station: DemoStation): ChainHead {
    return printedHead(this.log(), { own: station.signer.publicKey });
  }

  /** Signs an entry on the station as it stands; the commander's first entry founds the record. */
  async sign(who: DemoActor, input: EntryInput, at: string): Promise<void> {
    if (!this.commanderStation) {
      this.commanderStation = who.station;
      await this.stations.write(who.station, genesisInput(who.station.signer.publicKey, who.station.name, input.operator), at);
    }
    await this.stations.write(who.station, input, at);
  }

  /** One act: decided now, from the records as they stand, then signed and applied. */
  async act<R>(who: DemoActor, kind: string, at: string, decide: () => ActOutcome<R> | Promise<ActOutcome<R>>): Promise<R> {
    const outcome = await decide();
    const { input, files, bytes } = actEntryInput(kind, { personId: who.personId, name: who.name }, outcome.entry, outcome.changes);
    for (const [name, data] of bytes) this.files.set(name, data);
    await this.sign(who, { ...input, ...(files.length ? { files: [...files] } : {}) }, at);
    applyChanges(this.records, outcome.changes);
    return outcome.result;
  }

  /** Numbers, renders once and freezes a draft, as 签发 does (shared/documents/acts/issue.ts). */
  issue(who: DemoActor, id: string, at: string): Promise<DocumentRecord> {
    return this.act(who, 'issueDocument', at, async () => {
      const used = this.documents.flatMap((d) => (d.status === 'issued' && d.sequence !== undefined ? [{ issuerCode: d.issuerCode, year: d.year, sequence: d.sequence }] : []));
      const toIssue = documentToIssue(this.issueRecords(), id, { now: at, used });
      const head = this.head(who.station);
      const pdf = await renderIssuableDocument(toIssue, () => Promise.resolve(this.backup(at, '')), head, at, this.fonts);
      return issueDocumentOutcome(toIssue, { pdf, sha256: sha256Hex(pdf), chainHead: head, at, by: who.name });
    });
  }

  issueRecords() {
    return { operation: this.operation, subjects: this.list<never>('subjects'), plans: this.list<never>('plans'), documents: this.documents, services: this.services };
  }

  /** The operation as a backup file: its records, and every station's signed entries. */
  backup(exportedAt: string, appVersion: string): OperationBackup {
    const table = (t: RecordTable) => this.list<never>(t);
    const records = {
      operation: this.operation,
      subjects: table('subjects'),
      householdMembers: table('householdMembers'),
      memberUnits: table('memberUnits'),
      people: table('people'),
      workingGroups: table('workingGroups'),
      preparatoryMeetings: table('preparatoryMeetings'),
      plans: table('plans'),
      documents: table('documents'),
      services: table('services'),
      postings: table('postings'),
      logEntries: [],
      media: table('media'),
      inventoryItems: table('inventoryItems'),
      inventoryRooms: table('inventoryRooms'),
      inventoryAttendance: table('inventoryAttendance'),
      tasks: table('tasks'),
    };
    const stationEntries = this.stations.entries.map((e) => ({ ...e }) as Record<string, unknown>);
    return buildBackup(
      {
        ...records,
        stationEntries,
        stationFiles: filesToCarry(stationEntries, recordBytes(records), (ref) => this.files.get(ref.name)),
      },
      { exportedAt, app: { name: APP_NAME, version: appVersion || '0' } },
    );
  }
}
