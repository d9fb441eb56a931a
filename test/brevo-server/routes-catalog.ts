import type { BrevoPipeline, BrevoTaskType } from '../../src/types/records.js';
import { invalidParameter } from './errors.js';
import { checkQueryNames } from './query.js';
import type { Route, RouteContext } from './router.js';

/** Task types and pipelines: the lookups that map names to Brevo's ids. None takes query parameters. */
export const catalogRoutes: Route[] = [
  { method: 'GET', path: '/crm/tasktypes', handle: listTaskTypes },
  { method: 'GET', path: '/crm/pipeline/details/all', handle: listPipelines },
  { method: 'GET', path: '/crm/pipeline/details', handle: getDefaultPipeline },
  { method: 'GET', path: '/crm/pipeline/details/:id', handle: getPipeline },
];

/** Brevo's spec types this response as one object, but the server returns an array. */
function listTaskTypes(context: RouteContext): { status: number; body: BrevoTaskType[] } {
  rejectQuery(context);
  return { status: 200, body: context.store.seed.taskTypes };
}

function listPipelines(context: RouteContext): { status: number; body: BrevoPipeline[] } {
  rejectQuery(context);
  return { status: 200, body: context.store.seed.pipelines };
}

/** Returns the first pipeline as an object, as Brevo's deprecated single-pipeline endpoint does. */
function getDefaultPipeline(context: RouteContext): { status: number; body: BrevoPipeline } {
  rejectQuery(context);
  const pipeline = context.store.seed.pipelines[0];
  if (!pipeline) throw invalidParameter('Pipeline not found');
  return { status: 200, body: pipeline };
}

/** Returns the pipeline as a one-element array. An unknown id is a 400 "Pipeline not found", not a 404. */
function getPipeline(context: RouteContext): { status: number; body: BrevoPipeline[] } {
  rejectQuery(context);
  const pipeline = context.store.seed.pipelines.find((candidate) => candidate.pipeline === context.params.id);
  if (!pipeline) throw invalidParameter('Pipeline not found');
  return { status: 200, body: [pipeline] };
}

function rejectQuery({ query, rules }: RouteContext): void {
  checkQueryNames(query, () => false, rules.unknownFields === 'reject');
}
