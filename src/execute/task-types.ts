/**
 * Task type ids of the account the tasks go to. A plan may come from a data
 * directory of another account, so apply maps each task's type title to this
 * account's id. The list is cached in the state store; it is fetched when the
 * cached copy is stale or lacks a title.
 */
import type { BrevoClient } from '../brevo/client.js';
import { fetchTaskTypes, usable } from '../source/catalog.js';
import type { StateStore } from '../state/store.js';

export class TaskTypeIds {
  private ids: Map<string, string> | null = null;
  private fetched = false;

  constructor(
    private readonly client: BrevoClient,
    private readonly store: StateStore,
    private readonly clock: () => Date,
  ) {}

  /** Returns the id for a task type title (case-insensitive), or null when the account has no such type. */
  async idFor(title: string): Promise<string | null> {
    if (!this.ids) this.ids = this.fromCache() ?? (await this.fetch());
    const id = this.ids.get(title.toLowerCase());
    if (id !== undefined || this.fetched) return id ?? null;
    this.ids = await this.fetch();
    return this.ids.get(title.toLowerCase()) ?? null;
  }

  private fromCache(): Map<string, string> | null {
    const items = usable(this.store.catalog().taskTypes, { now: this.clock().getTime() });
    return items ? byTitle(items) : null;
  }

  private async fetch(): Promise<Map<string, string>> {
    const items = await fetchTaskTypes(this.client, []);
    this.store.saveCatalog({ taskTypes: { fetchedAt: this.clock().toISOString(), items } });
    this.fetched = true;
    return byTitle(items);
  }
}

function byTitle(items: { id: string; title: string }[]): Map<string, string> {
  return new Map(items.map((type) => [type.title.toLowerCase(), type.id]));
}
