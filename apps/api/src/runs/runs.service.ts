import { Inject, Injectable } from '@nestjs/common';
import { Db } from '@granary/db';
import { hasTeamRole } from '../auth/roles';
import { identityOf, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import type { UploadRunQuery } from './dto/upload-run.query';
import { applySchemaUri, isJsonPath, parseAccess, parseRunTime } from './run-times';
import { RunsRepository } from './runs.repository';

/**
 * Uploads: the raw document is stored in one transaction before the answer. (The results
 * pipeline, which turns runs into datasets and label values, builds on this.)
 */
@Injectable()
export class RunsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(RunsRepository) private readonly repo: RunsRepository,
  ) {}

  async upload(caller: UserCaller, query: UploadRunQuery, document: unknown, rawData: string | undefined): Promise<number> {
    if (document === undefined || rawData === undefined || rawData.trim() === '') {
      throw new DomainError('validation-failed', { detail: 'No data: send the results document as a JSON body.' });
    }
    const access = query.access === undefined ? 'PRIVATE' : parseAccess(query.access);
    if (!access) {
      throw new DomainError('validation-failed', { detail: 'access must be PUBLIC, PROTECTED or PRIVATE (or 0, 1, 2).', errors: [{ pointer: '/access', message: 'unknown access level' }] });
    }
    const data = applySchemaUri(document, query.schema);
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const target = await this.repo.findUploadTarget(tx, query.test);
      if (!target) {
        // Deliberately the same whether the test is missing or the caller may not upload to it.
        throw new DomainError('upload-refused', { detail: `Cannot upload to test ${query.test}: it does not exist, or you are not one of its uploaders.` });
      }
      const owner = query.owner ?? target.owner;
      if (owner !== target.owner && !hasTeamRole(caller, owner, 'uploader', 'tester')) {
        throw new DomainError('upload-refused', { detail: `You cannot upload runs owned by ${owner}.` });
      }
      const paths = [query.start, query.stop, query.description ?? ''].filter(isJsonPath);
      const found = await this.repo.valuesAt(tx, data, paths).catch(() => {
        throw new DomainError('validation-failed', { detail: `A JSONPath in start, stop or description is not valid: ${paths.join(', ')}.` });
      });
      const resolve = (given: string) => (isJsonPath(given) ? found[paths.indexOf(given)] : given);
      const start = this.time(resolve(query.start), query.start, 'start');
      const stop = this.time(resolve(query.stop), query.stop, 'stop');
      if (stop < start) {
        throw new DomainError('validation-failed', { detail: 'The run stops before it starts.', errors: [{ pointer: '/stop', message: 'must not be before start' }] });
      }
      const description = query.description === undefined ? null : stringOrNull(resolve(query.description));
      return this.repo.insertRun(tx, { testId: target.testId, data, rawData, start, stop, description, owner, access, uploadedBy: caller.userId });
    });
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
