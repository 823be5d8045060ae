import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db } from '@granary/db';
import { teamsWith } from '../auth/roles';
import { CONFIG } from '../common/config/config.module';
import { identityOf, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import type { AddRunBody, UploadRunQuery } from './dto/upload-run.query';
import { applySchemaUri, isJsonPath, isMemberPath, parseAccess, parseRunTime, scanJsonText, simpleJsonPathValue } from './run-times';
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

  /**
   * Horreum's addRunFromData: the body is the document, as text; times may be JSONPaths into it.
   * The text is not parsed here: PostgreSQL parses it once, into the run's `jsonb` (and refuses
   * it when it is not JSON), and member-name paths (`$.start`) are read from the text.
   */
  async upload(caller: UserCaller, query: UploadRunQuery, rawData: string | undefined): Promise<number> {
    if (rawData === undefined || rawData.trim() === '') {
      throw new DomainError('validation-failed', { detail: 'No data: send the results document as a JSON body.' });
    }
    const given = [query.start, query.stop, query.description ?? ''];
    const scan = scanJsonText(rawData, given.map((g) => (isJsonPath(g) ? g : '')));
    this.refuseDeeperThanLimit(scan.depth);
    const access = this.access(query.access);
    // The document is parsed here only when ?schema= changes it, or a path goes through an array.
    let parsed: { document: unknown } | undefined;
    const document = () => (parsed ??= { document: applySchemaUri(parseDocument(rawData), query.schema) }).document;
    const dataText = query.schema ? JSON.stringify(document()) : null;
    const known = new Map<string, unknown>();
    given.forEach((path, k) => {
      if (!isJsonPath(path)) return;
      let read = dataText === null ? scan.values[k]! : { found: false as const };
      if (!read.found && isMemberPath(path)) read = simpleJsonPathValue(document(), path);
      if (read.found) known.set(path, read.value);
    });
    const paths = given.filter((p) => isJsonPath(p) && !known.has(p));
    const run = (resolve: (given: string) => unknown): NewRunRow => {
      const start = this.time(resolve(query.start), query.start, 'start', rawData);
      const stop = this.time(resolve(query.stop), query.stop, 'stop', rawData);
      const description = query.description === undefined ? null : stringOrNull(resolve(query.description));
      return { test: query.test, dataText, rawData, metadata: null, start, stop, description, access, uploadedBy: caller.userId, uploadKey: query.uploadKey ?? null, ...this.owner(caller, query.owner, start, stop) };
    };
    if (paths.length === 0) {
      // The usual case: one statement, its own transaction.
      const row = run((g) => (known.has(g) ? known.get(g) : g));
      return this.finish(this.stored(await this.repo.storeRun(this.db.pool, identityOf(caller), row).catch(refusedDocument), query.test), query.wait);
    }
    const stored = await this.db.rawAsCaller(identityOf(caller), async (client) => {
      const target = await this.repo
        .findUploadTarget(client, query.test, query.uploadKey ?? null, dataText ?? rawData, paths)
        .catch((error: unknown) => {
          if ((error as { code?: string }).code?.startsWith('42')) {
            throw new DomainError('validation-failed', { detail: `A JSONPath in start, stop or description is not valid: ${paths.join(', ')}.` });
          }
          return refusedDocument(error);
        });
      if (!target) {
        return this.stored({ outcome: 'no-test' }, query.test);
      }
      if (target.existing !== null) {
        return { id: target.existing, created: false };
      }
      const row = run((g) => (known.has(g) ? known.get(g) : isJsonPath(g) ? target.values[paths.indexOf(g)] : g));
      return this.stored(await this.repo.storeRun(client, identityOf(caller), row).catch(refusedDocument), query.test);
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
    return this.finish(this.stored(await this.repo.storeRun(this.db.pool, identityOf(caller), row).catch(refusedDocument), test), query.wait);
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

  /** A run time; when it cannot be read from the document, the document is checked first (a text that is not JSON says so). */
  private time(value: unknown, given: string, name: 'start' | 'stop', documentText?: string): Date {
    const parsed = parseRunTime(value);
    if (!parsed) {
      if (documentText !== undefined && isJsonPath(given)) parseDocument(documentText);
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

/** An upload's document parsed (only where the text alone does not do), or a 400 saying why it is not JSON. */
function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError('malformed-json', { detail: `The body is not valid JSON: ${(error as Error).message}.` });
  }
}

/**
 * The document as PostgreSQL refused it (it parses an upload's text into `jsonb`): not JSON
 * (22P02, a lone surrogate escape such as `\ud800` too), or JSON that `jsonb` cannot hold (22P05: `\u0000`).
 */
function refusedDocument(error: unknown): never {
  const { code, message, detail, where } = error as { code?: string; message?: string; detail?: string; where?: string };
  const said = `${message}${detail ? ` (${detail.replace(/\.$/, '')})` : ''}`;
  if (code === '22P02' && /json/i.test(`${message} ${where ?? ''}`)) {
    throw new DomainError('malformed-json', { detail: `The body is not valid JSON: ${said}.` });
  }
  if (code === '22P05') {
    throw new DomainError('validation-failed', { detail: `The document cannot be stored: ${said} (PostgreSQL's jsonb holds no \\u0000).` });
  }
  throw error;
}
