import { Body, Controller, Delete, Get, HttpCode, Inject, ParseArrayPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { IdParam } from '../datasets/dto/query-params';
import {
  ChangeDetectionDto,
  ChangeDetectionSettingsDto,
  LastDatapointDto,
  LastDatapointsRequestDto,
  TestIdQueryDto,
  ChangeDto,
  ChangeUpdateDto,
  ChangesQueryDto,
  ConditionConfigDto,
  DatapointRecalculationStatusDto,
  FingerprintSeriesDto,
  ManualChangeDto,
  OptionalTestQueryDto,
  OutlierDto,
  RecentChangesDto,
  RecentChangesQueryDto,
  SeriesDto,
  SeriesQueryDto,
  TestQueryDto,
  VariableDto,
} from './alerting.dto';
import { AlertingService } from './alerting.service';

/**
 * Horreum's alerting endpoints (not in its published OpenAPI document; shapes from its Java API),
 * and Granary's series, fingerprints, manual changes, outliers and recent changes beside them.
 */
@ApiTags('Alerting')
@Controller('alerting')
export class AlertingController {
  constructor(@Inject(AlertingService) private readonly alerting: AlertingService) {}

  @Get('changeDetectionModels')
  @Access('public')
  @ApiOperation({ operationId: 'changeDetectionModels', summary: 'The change detection models with their parameters and defaults' })
  @ApiOkResponse({ type: [ConditionConfigDto] })
  models(): ConditionConfigDto[] {
    return this.alerting.models();
  }

  @Get('defaultChangeDetectionConfigs')
  @Access('public')
  @ApiOperation({ operationId: 'defaultChangeDetectionConfigs', summary: "Horreum's default conditions of a new variable" })
  @ApiOkResponse({ type: [ChangeDetectionDto] })
  defaults(): { model: string; config: Record<string, unknown> }[] {
    return this.alerting.defaultConditions();
  }

  @Get('variables')
  @Access('public')
  @ApiOperation({ operationId: 'alertingVariables', summary: "A test's change detection variables (every visible test's without test)" })
  @ApiOkResponse({ type: [VariableDto] })
  @ApiProblemResponses(400, 404)
  variables(@CallerParam() caller: Caller, @Query() q: OptionalTestQueryDto): Promise<VariableDto[]> {
    return this.alerting.variables(caller, q.test);
  }

  @Post('variables')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({
    operationId: 'updateAlertingVariables',
    summary: "Replace a test's variables (missing ones are deleted; new ones have no or a negative id); change detection then runs again over the history",
  })
  @ApiBody({ type: [VariableDto] })
  @ApiNoContentResponse({ description: 'Saved; follow the recalculation with GET /api/alerting/recalculate' })
  @ApiProblemResponses(400, 401, 403, 404)
  async saveVariables(
    @CallerParam() caller: UserCaller,
    @Query() q: TestQueryDto,
    @Body(new ParseArrayPipe({ items: VariableDto, whitelist: true, forbidNonWhitelisted: false })) body: VariableDto[],
  ): Promise<void> {
    await this.alerting.saveVariables(caller, q.test, body);
  }

  @Get('changes')
  @Access('public')
  @ApiOperation({ operationId: 'alertingChanges', summary: 'Changes of a variable, of one series when a fingerprint is given, oldest first' })
  @ApiOkResponse({ type: [ChangeDto] })
  @ApiProblemResponses(400, 404)
  changes(@CallerParam() caller: Caller, @Query() q: ChangesQueryDto): Promise<ChangeDto[]> {
    return this.alerting.changes(caller, q.var, q.fingerprint);
  }

  @Get('changes/recent')
  @Access('public')
  @ApiOperation({ operationId: 'recentChanges', summary: 'Granary: changes across the tests you may see, newest first' })
  @ApiOkResponse({ type: RecentChangesDto })
  @ApiProblemResponses(400)
  recent(@CallerParam() caller: Caller, @Query() q: RecentChangesQueryDto): Promise<RecentChangesDto> {
    return this.alerting.recent(caller, q.limit, q.page);
  }

  @Put('change/:id')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateChange', summary: 'Confirm a change, or ignore it (Granary); testers of the test' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404)
  async updateChange(@CallerParam() caller: UserCaller, @IdParam('id') id: number, @Body() body: ChangeUpdateDto): Promise<void> {
    await this.alerting.updateChange(caller, id, body);
  }

  @Delete('change/:id')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'deleteChange', summary: 'Delete a change; testers of the test (detection may find it again: ignore it to keep it quiet)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404)
  async deleteChange(@CallerParam() caller: UserCaller, @IdParam('id') id: number): Promise<void> {
    await this.alerting.deleteChange(caller, id);
  }

  @Post('change')
  @HttpCode(201)
  @Access('authenticated')
  @ApiOperation({ operationId: 'addManualChange', summary: 'Granary: mark a change by hand where the models found none; it restarts the history as a detected change does' })
  @ApiCreatedResponse({ type: ChangeDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  addManualChange(@CallerParam() caller: UserCaller, @Body() body: ManualChangeDto): Promise<ChangeDto> {
    return this.alerting.addManualChange(caller, body);
  }

  @Put('outlier')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'setOutlier', summary: 'Granary: flag a datapoint as an outlier (detection skips it) or clear the flag; the series is analysed again' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async setOutlier(@CallerParam() caller: UserCaller, @Body() body: OutlierDto): Promise<void> {
    await this.alerting.setOutlier(caller, body);
  }

  @Get('series')
  @Access('public')
  @ApiOperation({ operationId: 'alertingSeries', summary: 'Granary: a series (variable × fingerprint) for a chart, with its changes; long series are reduced without dropping a change point' })
  @ApiOkResponse({ type: SeriesDto })
  @ApiProblemResponses(400, 404)
  series(@CallerParam() caller: Caller, @Query() q: SeriesQueryDto): Promise<SeriesDto> {
    return this.alerting.series(caller, q);
  }

  @Get('fingerprints')
  @Access('public')
  @ApiOperation({ operationId: 'alertingFingerprints', summary: 'Granary: the series (fingerprints) of a test that have datapoints' })
  @ApiOkResponse({ type: [FingerprintSeriesDto] })
  @ApiProblemResponses(400, 404)
  fingerprints(@CallerParam() caller: Caller, @Query() q: TestQueryDto): Promise<FingerprintSeriesDto[]> {
    return this.alerting.fingerprints(caller, q.test);
  }

  @Post('changeDetection')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateChangeDetection', summary: "Set the test's timeline and fingerprint settings (testers); fingerprints and changes are computed again" })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404)
  async updateSettings(@CallerParam() caller: UserCaller, @Query() q: TestIdQueryDto, @Body() body: ChangeDetectionSettingsDto): Promise<void> {
    await this.alerting.updateSettings(caller, q.testId, body);
  }

  @Post('datapoint/last')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({ operationId: 'findLastDatapoints', summary: 'The newest datapoint time of each variable in one series' })
  @ApiOkResponse({ type: [LastDatapointDto] })
  @ApiProblemResponses(400)
  lastDatapoints(@CallerParam() caller: Caller, @Body() body: LastDatapointsRequestDto): Promise<LastDatapointDto[]> {
    return this.alerting.lastDatapoints(caller, body);
  }

  @Post('recalculate')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'recalculateDatapoints', summary: "Detect changes again over the test's whole history, in the background (testers); confirmed, ignored and manual changes stay" })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404)
  async recalculate(@CallerParam() caller: UserCaller, @Query() q: TestQueryDto): Promise<void> {
    await this.alerting.recalculate(caller, q.test);
  }

  @Get('recalculate')
  @Access('public')
  @ApiOperation({ operationId: 'getDatapointRecalculationStatus', summary: "Progress of the test's latest change detection recalculation" })
  @ApiOkResponse({ type: DatapointRecalculationStatusDto })
  @ApiProblemResponses(400, 404)
  status(@CallerParam() caller: Caller, @Query() q: TestQueryDto): Promise<DatapointRecalculationStatusDto> {
    return this.alerting.recalculationStatus(caller, q.test);
  }
}
