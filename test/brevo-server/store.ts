import type { BrevoCompany, BrevoContact, BrevoDeal, BrevoTask } from '../../src/types/records.js';
import type { ReminderSpec } from '../../src/types/rules.js';
import { HexIdSequence, isEmail, userIdForEmail } from './ids.js';
import type { BrevoSeed } from './seed.js';

/** A task as the server stores and returns it, with the id lists always present. */
export interface StoredTask extends BrevoTask {
  done: boolean;
  contactsIds: number[];
  dealsIds: string[];
  companiesIds: string[];
  reminder?: ReminderSpec;
  createdAt: string;
  updatedAt: string;
}

/** The writable task fields, as validated from a POST or PATCH body. */
export type TaskFields = Partial<Omit<StoredTask, 'id' | 'createdAt' | 'updatedAt'>>;

export type CrmRecordKind = 'deal' | 'company' | 'contact';

/** A record of one kind, in the shape Brevo returns it. */
export type CrmRecordOf<K extends CrmRecordKind> = K extends 'deal' ? BrevoDeal : K extends 'company' ? BrevoCompany : BrevoContact;

/**
 * In-memory account state. `seed` contains the current deals, companies and
 * contacts, which tests may change through `putRecord`; the tasks change
 * through the API. `reset` restores both to the seed given at start.
 */
export class BrevoStore {
  readonly tasks = new Map<string, StoredTask>();
  readonly seed: BrevoSeed;
  private readonly taskIds = new HexIdSequence('65f0');
  private readonly userIdsByEmail: Map<string, string>;

  constructor(
    private readonly initial: BrevoSeed,
    private readonly now: () => number,
  ) {
    this.seed = structuredClone(initial);
    this.userIdsByEmail = new Map(initial.users.map((user) => [user.email.toLowerCase(), user.id]));
    this.reset();
  }

  /** Restores the seeded records and tasks and restarts the id counter. */
  reset(): void {
    this.seed.deals = structuredClone(this.initial.deals);
    this.seed.companies = structuredClone(this.initial.companies);
    this.seed.contacts = structuredClone(this.initial.contacts);
    this.tasks.clear();
    this.taskIds.reset();
    const createdAt = this.timestamp();
    for (const task of structuredClone(this.seed.tasks)) {
      this.tasks.set(task.id, {
        ...task,
        done: task.done ?? false,
        contactsIds: task.contactsIds ?? [],
        dealsIds: task.dealsIds ?? [],
        companiesIds: task.companiesIds ?? [],
        createdAt: task.createdAt ?? createdAt,
        updatedAt: task.createdAt ?? createdAt,
      });
    }
  }

  /** Stores a task from validated create fields and returns its new id. */
  createTask(fields: TaskFields & Pick<StoredTask, 'name' | 'taskTypeId' | 'date'>): string {
    const id = this.taskIds.next((candidate) => this.tasks.has(candidate));
    const createdAt = this.timestamp();
    this.tasks.set(id, {
      id,
      ...fields,
      done: fields.done ?? false,
      contactsIds: fields.contactsIds ?? [],
      dealsIds: fields.dealsIds ?? [],
      companiesIds: fields.companiesIds ?? [],
      createdAt,
      updatedAt: createdAt,
    });
    return id;
  }

  updateTask(task: StoredTask, fields: TaskFields): void {
    Object.assign(task, fields, { updatedAt: this.timestamp() });
  }

  /**
   * Adds or replaces a deal, company or contact by id and stamps its
   * modification time (`last_updated_date`, `last_updated_at` or `modifiedAt`)
   * with the server clock, as Brevo does on every change. The record is stored
   * as given otherwise, without id checks, so tests can plant malformed ones.
   */
  putRecord<K extends CrmRecordKind>(kind: K, record: CrmRecordOf<K>): void {
    const copy = structuredClone(record) as CrmRecordOf<CrmRecordKind>;
    const stamp = this.timestamp();
    if (kind === 'contact') {
      (copy as BrevoContact).modifiedAt = stamp;
    } else if (copy.attributes && typeof copy.attributes === 'object') {
      copy.attributes[kind === 'deal' ? 'last_updated_date' : 'last_updated_at'] = stamp;
    }
    const list = this.recordList(kind);
    const index = list.findIndex((candidate) => candidate.id === record.id);
    if (index === -1) list.push(copy);
    else list[index] = copy;
  }

  /** Removes a deal, company or contact. Returns false when there was none with that id. */
  deleteRecord(kind: CrmRecordKind, id: string | number): boolean {
    const list = this.recordList(kind);
    const index = list.findIndex((candidate) => candidate.id === id);
    if (index === -1) return false;
    list.splice(index, 1);
    return true;
  }

  private recordList(kind: CrmRecordKind): { id: string | number; attributes: Record<string, unknown> }[] {
    if (kind === 'deal') return this.seed.deals;
    if (kind === 'company') return this.seed.companies;
    return this.seed.contacts;
  }

  /** Maps an assignee (user id or account email) to the user id that Brevo returns. */
  userIdFor(idOrEmail: string): string {
    if (!isEmail(idOrEmail)) return idOrEmail;
    return this.userIdsByEmail.get(idOrEmail.toLowerCase()) ?? userIdForEmail(idOrEmail);
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
