import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { IdParam } from '../datasets/dto/query-params';
import { ExpectRunQuery, MissingDataRuleDto, TestIdQuery } from './dto/missing-data-rule.dto';
import { MissingDataService } from './missing-data.service';

/** Horreum's missing data rules and run expectations (`/api/alerting`, not in Horreum's OpenAPI file). */
@ApiTags('Alerting')
@Controller('alerting')
export class MissingDataController {
  constructor(@Inject(MissingDataService) private readonly missingData: MissingDataService) {}

  @Get('missingdatarule')
  @Access('public')
  @ApiOperation({ operationId: 'missingDataRules', summary: "A test's missing data rules" })
  @ApiOkResponse({ type: [MissingDataRuleDto] })
  @ApiProblemResponses(400, 404)
  list(@CallerParam() caller: Caller, @Query() query: TestIdQuery): Promise<MissingDataRuleDto[]> {
    return this.missingData.list(caller, query.testId);
  }

  @Post('missingdatarule')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({
    operationId: 'updateMissingDataRule',
    summary: 'Create (no id, or a negative one) or replace a missing data rule of a test; resets its last notification and evaluates it over the test\'s datasets (testers of the test\'s team)',
  })
  @ApiOkResponse({ description: 'The rule id', schema: { type: 'integer', format: 'int32', example: 7 } })
  @ApiProblemResponses(400, 401, 403, 404)
  save(@CallerParam() caller: UserCaller, @Query() query: TestIdQuery, @Body() body: MissingDataRuleDto): Promise<number> {
    return this.missingData.save(caller, query.testId, body);
  }

  @Delete('missingdatarule/:id')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'deleteMissingDataRule', summary: 'Delete a missing data rule (testers of its test\'s team)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(400, 401, 403, 404)
  async delete(@CallerParam() caller: UserCaller, @IdParam('id') id: number): Promise<void> {
    await this.missingData.delete(caller, id);
  }

  @Post('expectRun')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({
    operationId: 'expectRun',
    summary: "Announce that a run of the test will be uploaded within `timeout` seconds; the test's subscribers are told if none is (uploaders and testers of the test's team)",
  })
  @ApiNoContentResponse({ description: 'Recorded' })
  @ApiProblemResponses(400, 401, 403, 404)
  async expectRun(@CallerParam() caller: UserCaller, @Query() query: ExpectRunQuery): Promise<void> {
    await this.missingData.expectRun(caller, query);
  }
}
