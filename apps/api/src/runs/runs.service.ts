import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db } from '@granary/db';
import { teamsWith } from '../auth/roles';
import { CONFIG } from '../common/config/config.module';
import { identityOf, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import type { AddRunBody, UploadRunQuery } from './dto/upload-run.query';
import { applySchemaUri, isJsonPath, jsonTextDepth, parseAccess, parseRunTime, simpleJsonPathValue } from './run-times';
import { RunsRepository, type NewRunRow, type StoreOutcome } from './runs.repository';


interface StoredRun {
  id: number;
  /** False when an upload key matched an earlier run: nothing was written. */
  created: boolean;
}

/**
 * Uploads: the document is stored in one transaction before the answer; the pipeline turns it
 * into datasets and label values in the background (and the answer can wait for that).
 */
@Injectable()
export class RunsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(RunsRepository) private readonly repo: RunsRepository,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  /** Horreum's addRunFromData: the body is the document; times may be JSONPaths into it. */
  async upload(caller: UserCaller, query: UploadRunQuery, document: unknown, rawData: string | undefined): Promise<number> {
    if (document === undefined || rawData === undefined || rawData.trim() === '') {
      throw new DomainError('validation-failed', { detail: 'No data: send the results document as a JSON body.' });
    }
    this.refuseDeeperThanLimit(jsonTextDepth(rawData));
    const access = this.access(query.access);
    const data = applySchemaUri(document, query.schema);
    // Sent once as the raw text, unless ?schema= changed the document.
    const dataText = data === document ? null : JSON.stringify(data);
    // Member-name paths (`$.start`) are read from the parsed document here; PostgreSQL evaluates the
    // others, which costs it a second parse of the document.
    const known = new Map<string, unknown>();
    for (const given of [query.start, query.stop, query.description ?? ''].filter(isJsonPath)) {
      const simple = simpleJsonPathValue(data, given);
      if (simple.found) known.set(given, simple.value);
    }
    const paths = [query.start, query.stop, query.description ?? ''].filter((p) => isJsonPath(p) && !known.has(p));
    const run = (resolve: (given: string) => unknown): NewRunRow => {
      const start = this.time(resolve(query.start), query.start, 'start');
      const stop = this.time(resolve(query.stop), query.stop, 'stop');
      const description = query.description === undefined ? null : stringOrNull(resolve(query.description));
      return { test: query.test, dataText, rawData, metadata: null, start, stop, description, access, uploadedBy: caller.userId, uploadKey: query.uploadKey ?? null, ...this.owner(caller, query.owner, start, stop) };
    };
    if (paths.length === 0) {
      // The usual case: one statement, its own transaction.
      const row = run((given) => (known.has(given) ? known.get(given) : given));
      return this.finish(this.stored(await this.repo.storeRun(this.db.pool, identityOf(caller), row), query.test), query.wait);
    }
    const stored = await this.db.rawAsCaller(identityOf(caller), async (client) => {
      const target = await this.repo
        .findUploadTarget(client, query.test, query.uploadKey ?? null, dataText ?? rawData, paths)
        .catch((error: unknown) => {
          if ((error as { code?: string }).code?.startsWith('42')) {
            throw new DomainError('validation-failed', { detail: `A JSONPath in start, stop or description is not valid: ${paths.join(', ')}.` });
          }
          throw error;
        });
      if (!target) {
        return this.stored({ outcome: 'no-test' }, query.test);
      }
      if (target.existing !== null) {
        return { id: target.existing, created: false };
      }
      const row = run((given) => (known.has(given) ? known.get(given) : isJsonPath(given) ? target.values[paths.indexOf(given)] : given));
      return this.stored(await this.repo.storeRun(client, identityOf(caller), row), query.test);
    }, 'upload');
    return this.finish(stored, query.wait);
  }

  /** Horreum's addRun: a Run object whose `data` is the document; start and stop in epoch ms (or ISO). */
  async addRun(caller: UserCaller, query: { test?: string; owner?: string; access?: string; wait?: boolean; uploadKey?: string }, body: AddRunBody): Promise<number> {
    const test = query.test ?? (body.testid !== undefined ? String(body.testid) : undefined);
    if (!test) {
      throw new DomainError('validation-failed', { detail: 'Name the test: ?test=<name or id>, or testid in the body.', errors: [{ pointer: '/test', message: 'required' }] });
    }
    const data = typeof body.data === 'string' ? parseJsonText(body.data, 'data') : body.data;
    if (data === undefined || data === null) {
      throw new DomainError('validation-failed', { detail: 'The run has no data.', errors: [{ pointer: '/data', message: 'required' }] });
    }
    const metadataValue = typeof body.metadata === 'string' ? parseJsonText(body.metadata, 'metadata') : body.metadata;
    const metadata = metadataValue === undefined || metadataValue === null ? null : Array.isArray(metadataValue) ? metadataValue : [metadataValue];
    this.checkDepth(data);
    const access = this.access(query.access ?? body.access);
    const start = this.time(body.start, String(body.start ?? ''), 'start');
    const stop = this.time(body.stop, String(body.stop ?? ''), 'stop');
    const rawData = JSON.stringify(data);
    const row: NewRunRow = { test, dataText: null, rawData, metadata, start, stop, description: body.description ?? null, access, uploadedBy: caller.userId, uploadKey: query.uploadKey ?? null, ...this.owner(caller, query.owner ?? body.owner, start, stop) };
    return this.finish(this.stored(await this.repo.storeRun(this.db.pool, identityOf(caller), row), test), query.wait);
  }

  /** The run an upload stored (or found by its upload key), or why it could not. */
  private stored(result: StoreOutcome, test: string): StoredRun {
    switch (result.outcome) {
      case 'created':
        return { id: result.runId, created: true };
      case 'existing':
        return { id: result.runId, created: false };
      case 'owner-refused':
        throw new DomainError('upload-refused', { detail: `You cannot upload runs owned by ${result.owner}.` });
      default:
        // Deliberately the same whether the test is missing or the caller may not upload to it.
        throw new DomainError('upload-refused', { detail: `Cannot upload to test ${test}: it does not exist, or you are not one of its uploaders.` });
    }
  }

  /**
   * The owner team asked for (else the uploader's team when it uploads for exactly one, else the
   * test's owner, which the database fills in) and the teams the caller may own runs for; checks
   * the times' order.
   */
  private owner(caller: UserCaller, given: string | undefined, start: Date, stop: Date): Pick<NewRunRow, 'owner' | 'mayOwn'> {
    if (stop < start) {
      throw new DomainError('validation-failed', { detail: 'The run stops before it starts.', errors: [{ pointer: '/stop', message: 'must not be before start' }] });
    }
    const uploaderOf = teamsWith(caller.roles, 'uploader');
    const owner = given ?? (uploaderOf.length === 1 ? uploaderOf[0]! : null);
    const mayOwn = caller.isAdmin ? null : [...new Set([...uploaderOf, ...teamsWith(caller.roles, 'tester')])];
    return { owner, mayOwn };
  }

  /** After the commit: wake the pipeline, and with `wait`, answer once the run is processed. */
  private async finish(stored: StoredRun, wait: boolean | undefined): Promise<number> {
    if (stored.created) {
      this.pipeline.wake();
    }
    if (wait) {
      await this.pipeline.whenProcessed(stored.id);
    }
    return stored.id;
  }

  private access(given: string | undefined): 'PUBLIC' | 'PROTECTED' | 'PRIVATE' {
    const access = given === undefined ? 'PRIVATE' : parseAccess(given);
    if (!access) {
      throw new DomainError('validation-failed', { detail: 'access must be PUBLIC, PROTECTED or PRIVATE (or 0, 1, 2).', errors: [{ pointer: '/access', message: 'unknown access level' }] });
    }
    return access;
  }

  /** Refuses documents nested deeper than GRANARY_MAX_JSON_DEPTH (without recursion, so without a stack limit). */
  private checkDepth(document: unknown): void {
    const stack: [unknown, number][] = [[document, 1]];
    while (stack.length > 0) {
      const [value, depth] = stack.pop()!;
      if (value === null || typeof value !== 'object') continue;
      this.refuseDeeperThanLimit(depth);
      for (const child of Array.isArray(value) ? value : Object.values(value)) {
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }

  private refuseDeeperThanLimit(depth: number): void {
    const limit = this.config.maxJsonDepth;
    if (depth > limit) {
      throw new DomainError('document-too-deep', { detail: `The document nests objects and arrays more than ${limit} levels deep (GRANARY_MAX_JSON_DEPTH).` });
    }
  }

  private time(value: unknown, given: string, name: 'start' | 'stop'): Date {
    const parsed = parseRunTime(value);
    if (!parsed) {
      throw new DomainError('validation-failed', {
        detail: `Cannot read the ${name} time from ${JSON.stringify(given)}${isJsonPath(given) ? ` (found ${JSON.stringify(value ?? null)})` : ''}: use ISO-8601, epoch milliseconds, or a JSONPath to one.`,
        errors: [{ pointer: `/${name}`, message: 'not a time' }],
      });
    }
    return parsed;
  }
}

function stringOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
}

function parseJsonText(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('validation-failed', { detail: `${field} is a string that is not JSON.`, errors: [{ pointer: `/${field}`, message: 'not JSON' }] });
  }
}
