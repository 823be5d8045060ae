import { Body, Controller, Header, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access.decorator';
import { CallerParam, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { DomainError } from '../common/problem/domain-error';
import { AddRunBody, AddRunQuery, UploadRunQuery } from './dto/upload-run.query';
import { RunsService } from './runs.service';

/** Horreum-compatible upload endpoints. */
@ApiTags('Run')
@Controller('run')
export class RunsHorreumController {
  constructor(@Inject(RunsService) private readonly runs: RunsService) {}

  @Post('data')
  @HttpCode(202)
  @Access('authenticated')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    operationId: 'addRunFromData',
    summary: "Upload a results document to a test (uploaders of the test's team); answers the run id",
    description: 'The document is stored before the answer; datasets and label values follow in the background (`wait=true` waits for them).',
  })
  @ApiBody({ description: 'Any JSON document', schema: {} })
  @ApiProduces('text/plain')
  @ApiAcceptedResponse({ description: 'The run id (comma-separated when several)', schema: { type: 'string', example: '101' } })
  @ApiProblemResponses(400, 401, 413, 415, 422)
  async upload(@CallerParam() caller: UserCaller, @Query() query: UploadRunQuery, @Body() text: unknown, @Req() req: Request): Promise<string> {
    if (req.headers['content-type'] !== undefined && !req.is(['application/json', 'application/*+json'])) {
      throw new DomainError('unsupported-media-type', { detail: `Send the results document as application/json (this request says ${req.headers['content-type']}).` });
    }
    // The body arrives as text (see app.ts): JSON is UTF-8 (RFC 8259), as JSON bodies are read elsewhere.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && !charset.startsWith('utf-')) {
      throw new DomainError('unsupported-media-type', { detail: `Send the results document in UTF-8 (this request says charset=${charset}).` });
    }
    return String(await this.runs.upload(caller, query, typeof text === 'string' ? text : undefined));
  }

  @Post('test')
  @HttpCode(202)
  @Access('authenticated')
  @ApiOperation({ operationId: 'addRun', summary: 'Upload a run given as a Run object (Horreum shape); answers its id in a list' })
  @ApiAcceptedResponse({ description: 'The created run id', schema: { type: 'array', items: { type: 'integer' }, example: [101] } })
  @ApiProblemResponses(400, 401, 413, 422)
  async addRun(@CallerParam() caller: UserCaller, @Query() query: AddRunQuery, @Body() body: AddRunBody): Promise<number[]> {
    return [await this.runs.addRun(caller, query, body)];
  }
}
