import { Body, Controller, Get, Header, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { destringify } from '../common/http/text-body';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { ExportedLabelValuesDto } from '../datasets/dto/dataset.dto';
import { RunLabelValuesQuery } from '../datasets/dto/label-values.query';
import { IdParam } from '../datasets/dto/query-params';
import { LabelValuesService } from '../datasets/label-values.service';
import { UpdateAccessQuery } from '../tests/dto/test-queries';
import {
  AutocompleteQuery,
  BulkTrashRequest,
  BulkTrashResponse,
  ListAllRunsQuery,
  ListRunsBySchemaQuery,
  ListTestRunsQuery,
  RunCountDto,
  RunCountQuery,
  RunDataQuery,
  RunExtendedDto,
  RunSummaryDto,
  RunsSummaryDto,
  TrashRunQuery,
} from './runs.read.dto';
import { RunsReadService } from './runs.read.service';

/** Horreum-compatible run endpoints besides upload: reading, listing, trashing, access. */
@ApiTags('Run')
@Controller('run')
export class RunsReadController {
  constructor(
    @Inject(RunsReadService) private readonly runs: RunsReadService,
    @Inject(LabelValuesService) private readonly labelValues: LabelValuesService,
  ) {}

  @Get('list')
  @Access('public')
  @ApiOperation({ operationId: 'listAllRuns', summary: 'A page of the runs the caller may see, with their total; `query` matches the documents' })
  @ApiOkResponse({ type: RunsSummaryDto })
  @ApiProblemResponses(400)
  listAll(@CallerParam() caller: Caller, @Query() query: ListAllRunsQuery): Promise<RunsSummaryDto> {
    return this.runs.listAll(caller, query);
  }

  @Get('list/:testId')
  @Access('public')
  @ApiOperation({ operationId: 'listTestRuns', summary: "A page of a test's runs with their total (pages from 1); Granary: `from`/`to` limit the start time" })
  @ApiOkResponse({ type: RunsSummaryDto })
  @ApiProblemResponses(400, 404)
  listOfTest(@CallerParam() caller: Caller, @IdParam('testId') testId: number, @Query() query: ListTestRunsQuery): Promise<RunsSummaryDto> {
    return this.runs.listOfTest(caller, testId, query);
  }

  @Get('bySchema')
  @Access('public')
  @ApiOperation({ operationId: 'listRunsBySchema', summary: 'A page of the runs in which a schema URI was found, with their total' })
  @ApiOkResponse({ type: RunsSummaryDto })
  @ApiProblemResponses(400)
  listBySchema(@CallerParam() caller: Caller, @Query() query: ListRunsBySchemaQuery): Promise<RunsSummaryDto> {
    return this.runs.listBySchema(caller, query);
  }

  @Get('count')
  @Access('public')
  @ApiOperation({ operationId: 'runCount', summary: 'How many runs a test has: all, active and trashed' })
  @ApiOkResponse({ type: RunCountDto })
  @ApiProblemResponses(400, 404)
  count(@CallerParam() caller: Caller, @Query() query: RunCountQuery): Promise<RunCountDto> {
    return this.runs.count(caller, query.testId);
  }

  @Get('autocomplete')
  @Access('public')
  @ApiOperation({ operationId: 'autocomplete', summary: "Keys that could follow a JSONPath being typed, from the caller's most recent runs" })
  @ApiOkResponse({ type: [String] })
  @ApiProblemResponses(400)
  autocomplete(@CallerParam() caller: Caller, @Query() query: AutocompleteQuery): Promise<string[]> {
    return this.runs.autocomplete(caller, query.query);
  }

  @Get(':id')
  @Access('public')
  @ApiOperation({ operationId: 'getRun', summary: 'A run with its document, schemas, test name and dataset ids' })
  @ApiOkResponse({ type: RunExtendedDto })
  @ApiProblemResponses(400, 404)
  get(@CallerParam() caller: Caller, @IdParam('id') id: number): Promise<RunExtendedDto> {
    return this.runs.get(caller, id);
  }

  @Get(':id/summary')
  @Access('public')
  @ApiOperation({ operationId: 'getRunSummary', summary: 'A run without its document' })
  @ApiOkResponse({ type: RunSummaryDto })
  @ApiProblemResponses(400, 404)
  summary(@CallerParam() caller: Caller, @IdParam('id') id: number): Promise<RunSummaryDto> {
    return this.runs.summary(caller, id);
  }

  @Get(':id/data')
  @Access('public')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ operationId: 'getData', summary: "A run's document, or with `schemaUri` the part of it that carries that schema" })
  @ApiOkResponse({ description: 'The JSON document', content: { 'application/json': { schema: {} } } })
  @ApiProblemResponses(400, 404)
  async data(@CallerParam() caller: Caller, @IdParam('id') id: number, @Query() query: RunDataQuery): Promise<string> {
    return JSON.stringify(await this.runs.data(caller, id, { column: 'data', schemaUri: query.schemaUri }));
  }

  @Get(':id/metadata')
  @Access('public')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ operationId: 'getMetadata', summary: "A run's metadata (null when none), or with `schemaUri` the element that carries that schema" })
  @ApiOkResponse({ description: 'The JSON metadata', content: { 'application/json': { schema: {} } } })
  @ApiProblemResponses(400, 404)
  async metadata(@CallerParam() caller: Caller, @IdParam('id') id: number, @Query() query: RunDataQuery): Promise<string> {
    return JSON.stringify(await this.runs.data(caller, id, { column: 'metadata', schemaUri: query.schemaUri }));
  }

  @Get(':id/labelValues')
  @Access('public')
  @ApiOperation({ operationId: 'getRunLabelValues', summary: "A run's label values, one row per dataset (filter, label sort, pages from 0)" })
  @ApiOkResponse({ type: [ExportedLabelValuesDto] })
  @ApiProblemResponses(400, 404)
  labelValuesOf(@CallerParam() caller: Caller, @IdParam('id') id: number, @Query() query: RunLabelValuesQuery): Promise<ExportedLabelValuesDto[]> {
    return this.labelValues.ofRun(caller, id, query);
  }

  @Post(':id/trash')
  @Access('authenticated')
  @ApiOperation({ operationId: 'trash', summary: 'Trash a run (its datasets are deleted) or restore it (it is transformed again); testers of its team' })
  @ApiCreatedResponse({ description: 'Done' })
  @ApiProblemResponses(400, 401, 403, 404)
  async trash(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Query() query: TrashRunQuery): Promise<void> {
    await this.runs.trash(caller, id, query.isTrashed ?? true);
  }

  @Post(':id/description')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateDescription', summary: "Set a run's description (its datasets follow); text/plain, quoted or not" })
  @ApiConsumes('text/plain')
  @ApiBody({ schema: { type: 'string', example: 'Run on AWS with m7g.large' } })
  @ApiCreatedResponse({ description: 'Changed' })
  @ApiProblemResponses(400, 401, 403, 404, 415)
  async updateDescription(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Body() body: unknown): Promise<void> {
    await this.runs.updateDescription(caller, id, destringify(body));
  }

  @Post(':id/updateAccess')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateRunAccess', summary: "Change a run's owner and access (testers of the current and the new owner); its datasets follow" })
  @ApiCreatedResponse({ description: 'Changed' })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async updateAccess(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Query() query: UpdateAccessQuery): Promise<void> {
    await this.runs.updateAccess(caller, id, { owner: query.owner, access: String(query.access) });
  }
}

/** Granary's bulk run operations on a test. */
@ApiTags('Run')
@Controller('test')
export class RunsBulkController {
  constructor(@Inject(RunsReadService) private readonly runs: RunsReadService) {}

  @Post(':id/runs/trash')
  @Access('authenticated')
  @ApiOperation({
    operationId: 'trashTestRuns',
    summary: "Granary: trash or restore many of a test's runs at once, by id or by label values, in one transaction; answers how many changed",
  })
  @ApiCreatedResponse({ type: BulkTrashResponse })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  trashMany(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Body() body: BulkTrashRequest): Promise<BulkTrashResponse> {
    return this.runs.trashMany(caller, id, body);
  }
}
