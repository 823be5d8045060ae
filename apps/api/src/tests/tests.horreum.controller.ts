import { Access } from '../auth/access.decorator';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { ExportedLabelValuesDto } from '../datasets/dto/dataset.dto';
import { TestLabelValuesQuery } from '../datasets/dto/label-values.query';
import { IdParam } from '../datasets/dto/query-params';
import { LabelValuesService } from '../datasets/label-values.service';
import { ListTestsQuery } from './dto/list-tests.query';
import { CreateTestRequest } from './dto/create-test.dto';
import { FoldersQuery, MoveTestQuery, NotificationsQuery, TestSummaryQuery, UpdateAccessQuery } from './dto/test-queries';
import { TestDto, TestListingDto, TestQueryResult } from './dto/test.dto';
import { UpdateTestRequest } from './dto/update-test.dto';
import { TestsService } from './tests.service';

const FINGERPRINT_VALUE_SCHEMA = {
  type: 'object' as const,
  description: "Horreum's FingerprintValue: `value`, or `children` when the value is an object",
  properties: { name: { type: 'string' as const }, value: {}, children: { type: 'array' as const, items: { type: 'object' as const, additionalProperties: true } } },
};

/** Horreum-compatible test endpoints (paths, parameters and shapes of Horreum 0.20). */
@ApiTags('Test')
@Controller('test')
export class TestsHorreumController {
  constructor(
    @Inject(TestsService) private readonly tests: TestsService,
    @Inject(LabelValuesService) private readonly labelValues: LabelValuesService,
  ) {}

  @Post()
  @Access('authenticated')
  @ApiOperation({ operationId: 'addTest', summary: 'Create a test owned by a team you are a tester of' })
  @ApiCreatedResponse({ type: TestDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  create(@CallerParam() caller: UserCaller, @Body() body: CreateTestRequest): Promise<TestDto> {
    return this.tests.create(caller, body);
  }

  @Put()
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateTest', summary: "Replace a test's fields (testers of its owner; of both teams when the owner changes)" })
  @ApiOkResponse({ type: TestDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  update(@CallerParam() caller: UserCaller, @Body() body: UpdateTestRequest): Promise<TestDto> {
    return this.tests.update(caller, body);
  }

  @Get()
  @Access('public')
  @ApiOperation({ operationId: 'listTests', summary: 'List the tests the caller may see, a page at a time, with their count' })
  @ApiOkResponse({ type: TestQueryResult })
  @ApiProblemResponses(400)
  list(@CallerParam() caller: Caller, @Query() query: ListTestsQuery): Promise<TestQueryResult> {
    return this.tests.list(caller, query);
  }

  @Get('summary')
  @Access('public')
  @ApiOperation({ operationId: 'getTestSummary', summary: 'Tests of a folder with their dataset and run counts, a page at a time (pages from 1)' })
  @ApiOkResponse({ type: TestListingDto })
  @ApiProblemResponses(400)
  summary(@CallerParam() caller: Caller, @Query() query: TestSummaryQuery): Promise<TestListingDto> {
    return this.tests.summary(caller, query);
  }

  @Get('folders')
  @Access('public')
  @ApiOperation({ operationId: 'folders', summary: 'Every folder of the visible tests and their parent folders, after null (the root)' })
  @ApiOkResponse({ schema: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'null' }] }, example: [null, 'quarkus', 'quarkus/native'] } })
  @ApiProblemResponses(400)
  folders(@CallerParam() caller: Caller, @Query() query: FoldersQuery): Promise<(string | null)[]> {
    return this.tests.folders(caller, query);
  }

  @Get('byName/:name')
  @Access('public')
  @ApiOperation({ operationId: 'getByNameOrId', summary: 'A test by name (or by id, when the number names no test)' })
  @ApiOkResponse({ type: TestDto })
  @ApiProblemResponses(404)
  byName(@CallerParam() caller: Caller, @Param('name') name: string): Promise<TestDto> {
    return this.tests.getByNameOrId(caller, name);
  }

  @Get(':id')
  @Access('public')
  @ApiOperation({ operationId: 'getTest', summary: 'A test with its transformers' })
  @ApiOkResponse({ type: TestDto })
  @ApiProblemResponses(400, 404)
  get(@CallerParam() caller: Caller, @IdParam('id') id: number): Promise<TestDto> {
    return this.tests.get(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'deleteTest', summary: 'Delete a test whose runs are all trashed; its trashed runs and datasets go with it (409 while runs remain)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async delete(@CallerParam() caller: UserCaller, @IdParam('id') id: number): Promise<void> {
    await this.tests.delete(caller, id);
  }

  @Post(':id/updateAccess')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateTestAccess', summary: "Change a test's owner and access (testers of the current and the new owner)" })
  @ApiCreatedResponse({ description: 'Changed' })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async updateAccess(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Query() query: UpdateAccessQuery): Promise<void> {
    await this.tests.updateAccess(caller, id, query);
  }

  @Post(':id/notifications')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateNotifications', summary: 'Turn notifications of a test on or off' })
  @ApiCreatedResponse({ description: 'Changed' })
  @ApiProblemResponses(400, 401, 403, 404)
  async updateNotifications(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Query() query: NotificationsQuery): Promise<void> {
    await this.tests.updateNotifications(caller, id, query.enabled);
  }

  @Post(':id/move')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateFolder', summary: 'Move a test to another folder (none: the root)' })
  @ApiCreatedResponse({ description: 'Moved' })
  @ApiProblemResponses(400, 401, 403, 404)
  async move(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Query() query: MoveTestQuery): Promise<void> {
    await this.tests.move(caller, id, query.folder);
  }

  @Get(':id/fingerprint')
  @Access('public')
  @ApiOperation({ operationId: 'listFingerprints', summary: "The distinct fingerprints of a test's datasets, each as a list of FingerprintValue" })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', properties: { values: { type: 'array', items: FINGERPRINT_VALUE_SCHEMA } } } } })
  @ApiProblemResponses(400, 404)
  fingerprints(@CallerParam() caller: Caller, @IdParam('id') id: number) {
    return this.labelValues.fingerprints(caller, id);
  }

  @Get(':id/filteringLabels')
  @Access('public')
  @ApiOperation({ operationId: 'filteringLabels', summary: "Each filtering label of a test's datasets with its distinct values: `{label: [values]}`" })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: { type: 'array', items: {} }, example: { arch: ['aarch64', 'x86_64'] } } })
  @ApiProblemResponses(400, 404)
  filteringLabels(@CallerParam() caller: Caller, @IdParam('id') id: number): Promise<Record<string, unknown[]>> {
    return this.labelValues.filteringLabels(caller, id);
  }

  @Get(':id/filteringLabelValues')
  @Access('public')
  @ApiOperation({ operationId: 'filteringLabelValues', summary: 'The distinct combinations of filtering label values of a test (deprecated in Horreum: use filteringLabels)', deprecated: true })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', additionalProperties: true } } })
  @ApiProblemResponses(400, 404)
  filteringLabelValues(@CallerParam() caller: Caller, @IdParam('id') id: number): Promise<Record<string, unknown>[]> {
    return this.labelValues.filteringCombinations(caller, id);
  }

  @Get(':id/labelValues')
  @Access('public')
  @ApiOperation({
    operationId: 'getTestLabelValues',
    summary: "A test's label values table, one row per dataset: filter, time range, fingerprint, label sort, pages from 0; `format=csv` answers text/csv",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'One row per dataset (JSON), or CSV with columns runId, datasetId, start, stop and one per label',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/ExportedLabelValues' } } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiProblemResponses(400, 404)
  async testLabelValues(
    @CallerParam() caller: Caller,
    @IdParam('id') id: number,
    @Query() query: TestLabelValuesQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ExportedLabelValuesDto[] | string> {
    const answer = await this.labelValues.ofTest(caller, id, query);
    if (answer.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`test-${id}-label-values.csv`);
      return answer.csv;
    }
    return answer.rows;
  }
}
