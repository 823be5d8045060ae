import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db } from '@granary/db';
import { hasTeamRole, teamsWith } from '../auth/roles';
import { CONFIG } from '../common/config/config.module';
import { identityOf, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import type { AddRunBody, UploadRunQuery } from './dto/upload-run.query';
import { applySchemaUri, isJsonPath, parseAccess, parseRunTime, simpleJsonPathValue } from './run-times';
import { RunsRepository, type UploadTarget } from './runs.repository';


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
    this.checkDepth(document);
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
    const stored = await this.db.rawAsCaller(identityOf(caller), async (client) => {
      const target = await this.repo
        .findUploadTarget(client, query.test, query.uploadKey ?? null, paths.length > 0 ? (dataText ?? rawData) : null, paths)
        .catch((error: unknown) => {
          if (paths.length > 0 && (error as { code?: string }).code?.startsWith('42')) {
            throw new DomainError('validation-failed', { detail: `A JSONPath in start, stop or description is not valid: ${paths.join(', ')}.` });
          }
          throw error;
        });
      const found = this.checkTarget(target, query.test);
      if (found.existing !== null) {
        return { id: found.existing, created: false };
      }
      const resolve = (given: string) => (known.has(given) ? known.get(given) : isJsonPath(given) ? found.values[paths.indexOf(given)] : given);
      const start = this.time(resolve(query.start), query.start, 'start');
      const stop = this.time(resolve(query.stop), query.stop, 'stop');
      const description = query.description === undefined ? null : stringOrNull(resolve(query.description));
      const owner = this.owner(caller, found, query.owner, start, stop);
      const id = await this.repo.insertRun(client, { testId: found.testId, dataText, rawData, metadata: null, start, stop, description, owner, access, uploadedBy: caller.userId, uploadKey: query.uploadKey ?? null });
      return { id, created: true };
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
    const stored = await this.db.rawAsCaller(identityOf(caller), async (client) => {
      const found = this.checkTarget(await this.repo.findUploadTarget(client, test, query.uploadKey ?? null, null, []), test);
      if (found.existing !== null) {
        return { id: found.existing, created: false };
      }
      const owner = this.owner(caller, found, query.owner ?? body.owner, start, stop);
      const description = body.description ?? null;
      const id = await this.repo.insertRun(client, { testId: found.testId, dataText: null, rawData, metadata, start, stop, description, owner, access, uploadedBy: caller.userId, uploadKey: query.uploadKey ?? null });
      return { id, created: true };
    }, 'upload');
    return this.finish(stored, query.wait);
  }

  private checkTarget(target: UploadTarget | undefined, test: string): UploadTarget {
    if (!target) {
      // Deliberately the same whether the test is missing or the caller may not upload to it.
      throw new DomainError('upload-refused', { detail: `Cannot upload to test ${test}: it does not exist, or you are not one of its uploaders.` });
    }
    return target;
  }

  /** The run's owner team, after the checks that need it: times in order, and a team the caller may upload for. */
  private owner(caller: UserCaller, target: UploadTarget, given: string | undefined, start: Date, stop: Date): string {
    if (stop < start) {
      throw new DomainError('validation-failed', { detail: 'The run stops before it starts.', errors: [{ pointer: '/stop', message: 'must not be before start' }] });
    }
    const owner = given ?? this.defaultOwner(caller, target.owner);
    if (owner !== target.owner && !hasTeamRole(caller, owner, 'uploader', 'tester')) {
      throw new DomainError('upload-refused', { detail: `You cannot upload runs owned by ${owner}.` });
    }
    return owner;
  }

  /** The uploader's team when it uploads for exactly one team, else the test's owner. */
  private defaultOwner(caller: UserCaller, testOwner: string): string {
    const teams = teamsWith(caller.roles, 'uploader');
    return teams.length === 1 ? teams[0]! : testOwner;
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
    const limit = this.config.maxJsonDepth;
    const stack: [unknown, number][] = [[document, 1]];
    while (stack.length > 0) {
      const [value, depth] = stack.pop()!;
      if (value === null || typeof value !== 'object') continue;
      if (depth > limit) {
        throw new DomainError('document-too-deep', { detail: `The document nests objects and arrays more than ${limit} levels deep (GRANARY_MAX_JSON_DEPTH).` });
      }
      for (const child of Array.isArray(value) ? value : Object.values(value)) {
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
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
