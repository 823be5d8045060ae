import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { DomainError } from '../common/problem/domain-error';
import { destringify } from '../common/http/text-body';
import { IdParam } from '../datasets/dto/query-params';
import { parseRunTime } from '../runs/run-times';
import { PreviewService } from './preview.service';
import { JsonPathRequestDto, LabelPreviewDto, LabelPreviewRequestDto, PreviewLabelDto, RecalculationDto, RecalculationStatusDto } from './recalculation.dto';
import { RecalculationService } from './recalculation.service';

/** Horreum's recalculation endpoints for tests and runs, and Granary's recalculation list. */
@ApiTags('Test')
@Controller('test')
export class TestRecalculationController {
  constructor(@Inject(RecalculationService) private readonly recalculation: RecalculationService) {}

  @Post(':id/recalculate')
  @HttpCode(201)
  @Access('authenticated')
  @ApiOperation({ operationId: 'recalculateTestDatasets', summary: "Transform every run of the test again, in the background (testers of the test's team)" })
  @ApiCreatedResponse({ description: 'Started; follow it with GET /api/test/{id}/recalculate' })
  @ApiProblemResponses(400, 401, 403, 404)
  async recalculate(@CallerParam() caller: UserCaller, @IdParam('id') id: number): Promise<void> {
    await this.recalculation.recalculateTest(caller, id);
  }

  @Get(':id/recalculate')
  @Access('public')
  @ApiOperation({ operationId: 'getTestRecalculationStatus', summary: "Progress of the test's latest run recalculation" })
  @ApiOkResponse({ type: RecalculationStatusDto })
  @ApiProblemResponses(400, 404)
  status(@CallerParam() caller: Caller, @IdParam('id') id: number): Promise<RecalculationStatusDto> {
    return this.recalculation.status(caller, id);
  }

  @Get(':id/recalculations')
  @Access('public')
  @ApiOperation({ operationId: 'listTestRecalculations', summary: "Granary: the test's recent recalculations (labels, runs, fingerprints) with their progress, newest first" })
  @ApiOkResponse({ type: [RecalculationDto] })
  @ApiProblemResponses(400, 404)
  list(@CallerParam() caller: Caller, @IdParam('id') id: number): Promise<RecalculationDto[]> {
    return this.recalculation.list(caller, id);
  }
}

@ApiTags('Run')
@Controller('run')
export class RunRecalculationController {
  constructor(@Inject(RecalculationService) private readonly recalculation: RecalculationService) {}

  @Post(':id/recalculate')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'recalculateRunDatasets', summary: "Transform the run again and answer its dataset ids (testers of the run's team)" })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'integer' }, example: [101, 102] } })
  @ApiProblemResponses(400, 401, 403, 404)
  recalculate(@CallerParam() caller: UserCaller, @IdParam('id') id: number): Promise<number[]> {
    return this.recalculation.recalculateRun(caller, id);
  }

  @Post(':id/schema')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateRunSchema', summary: 'Set the schema URI (text/plain body) of the run, or of the object at `path` (a first-level key or an array index), and transform the run again' })
  @ApiQuery({ name: 'path', required: false, description: 'A first-level key, or an element index for an array run; the root when absent' })
  @ApiConsumes('text/plain')
  @ApiBody({ schema: { type: 'string', example: 'urn:my-benchmark:1.0' } })
  @ApiOkResponse({ description: 'The schema id and URI, when the URI is a known schema', schema: { type: 'object', additionalProperties: { type: 'string' }, example: { '12': 'urn:my-benchmark:1.0' } } })
  @ApiProblemResponses(400, 401, 403, 404, 415)
  setSchema(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Body() body: unknown, @Query('path') path?: string): Promise<Record<string, string>> {
    const uri = destringify(body);
    if (!/^(urn|uri|http|https|ftp|file|jar):/.test(uri)) {
      throw new DomainError('validation-failed', { detail: 'The schema URI must start with urn:, uri:, http:, https:, ftp:, file: or jar:.' });
    }
    return this.recalculation.setRunSchema(caller, id, path, uri);
  }

  @Post('recalculateAll')
  @HttpCode(201)
  @Access('admin')
  @ApiOperation({ operationId: 'recalculateAll', summary: 'Administrators: transform again every run that started between from and to (epoch ms or ISO-8601; both optional)' })
  @ApiQuery({ name: 'from', required: false, example: '1698013206000' })
  @ApiQuery({ name: 'to', required: false, example: '1698013206000' })
  @ApiCreatedResponse({ description: 'Started' })
  @ApiProblemResponses(400, 401, 403)
  async recalculateAll(@Query('from') from?: string, @Query('to') to?: string): Promise<void> {
    await this.recalculation.recalculateAll(time(from, 'from'), time(to, 'to'));
  }
}

/** "Try it": labels and JSONPaths evaluated without storing anything. */
@ApiTags('Preview')
@Controller()
export class PreviewController {
  constructor(@Inject(PreviewService) private readonly previews: PreviewService) {}

  @Post('dataset/:datasetId/previewLabel')
  @HttpCode(200)
  @Access('authenticated')
  @ApiTags('Dataset')
  @ApiOperation({ operationId: 'previewLabel', summary: 'Compute a label on a dataset without storing it (Horreum shape)' })
  @ApiOkResponse({ type: LabelPreviewDto })
  @ApiProblemResponses(400, 401, 404)
  previewLabel(@CallerParam() caller: Caller, @IdParam('datasetId') datasetId: number, @Body() label: PreviewLabelDto): Promise<LabelPreviewDto> {
    return this.previews.previewLabel(caller, label, { datasetId });
  }

  @Post('labels/preview')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'previewLabelOn', summary: 'Granary: compute a label on a run, a dataset or a pasted document, as the pipeline would' })
  @ApiOkResponse({ type: LabelPreviewDto })
  @ApiProblemResponses(400, 401, 404)
  previewOn(@CallerParam() caller: Caller, @Body() body: LabelPreviewRequestDto): Promise<LabelPreviewDto> {
    return this.previews.previewLabel(caller, body.label, body);
  }

  @Post('jsonpath/evaluate')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'evaluateJsonPath', summary: "Granary: evaluate a JSONPath (PostgreSQL's dialect, lax) on a run, a dataset or a pasted document" })
  @ApiOkResponse({ type: LabelPreviewDto })
  @ApiProblemResponses(400, 401, 404)
  evaluate(@CallerParam() caller: Caller, @Body() body: JsonPathRequestDto): Promise<{ value?: unknown; error?: string }> {
    return this.previews.evaluateJsonPath(caller, body.jsonpath, body.isarray ?? false, body);
  }
}

function time(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = parseRunTime(value);
  if (!parsed) {
    throw new DomainError('validation-failed', { detail: `${name} is not a time (epoch ms or ISO-8601).`, errors: [{ pointer: `/${name}`, message: 'not a time' }] });
  }
  return parsed;
}
