import type { BrevoTask } from '../../src/types/records.js';
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

/** In-memory account state: the seed, which stays fixed, and the tasks, which change. */
export class BrevoStore {
  readonly tasks = new Map<string, StoredTask>();
  private readonly taskIds = new HexIdSequence('65f0');
  private readonly userIdsByEmail: Map<string, string>;

  constructor(
    readonly seed: BrevoSeed,
    private readonly now: () => number,
  ) {
    this.userIdsByEmail = new Map(seed.users.map((user) => [user.email.toLowerCase(), user.id]));
    this.reset();
  }

  /** Restores the seeded tasks and restarts the id counter. */
  reset(): void {
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

  /** Maps an assignee (user id or account email) to the user id that Brevo returns. */
  userIdFor(idOrEmail: string): string {
    if (!isEmail(idOrEmail)) return idOrEmail;
    return this.userIdsByEmail.get(idOrEmail.toLowerCase()) ?? userIdForEmail(idOrEmail);
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
