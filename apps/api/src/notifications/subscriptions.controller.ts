import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type UserCaller } from '../common/db/caller';
import { destringify } from '../common/http/text-body';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { IdParam } from '../datasets/dto/query-params';
import { WatchDto } from './dto/watch.dto';
import { SubscriptionsService } from './subscriptions.service';

const ENTRY_BODY = {
  schema: { type: 'string' as const, example: '__self' },
  description: '`__self` (or your user name), a team of yours (`<name>-team`), or `!__self` to opt out of your teams\' subscription',
};

/** Horreum's subscriptions (`/api/subscriptions`, not in Horreum's OpenAPI file). */
@ApiTags('Subscriptions')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(@Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @Access('authenticated')
  @ApiOperation({ operationId: 'allSubscriptions', summary: 'The tests whose subscriptions name you or your teams: test id → whether you are notified' })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: { type: 'boolean' }, example: { '101': true, '102': false } } })
  @ApiProblemResponses(401)
  mine(@CallerParam() caller: UserCaller): Promise<Record<string, boolean>> {
    return this.subscriptions.mine(caller);
  }

  @Get(':testId')
  @Access('authenticated')
  @ApiOperation({ operationId: 'getSubscription', summary: "A test's subscriptions (only your own entries unless you are a tester of its team)" })
  @ApiOkResponse({ type: WatchDto })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@CallerParam() caller: UserCaller, @IdParam('testId') testId: number): Promise<WatchDto> {
    return this.subscriptions.get(caller, testId);
  }

  @Post(':testId')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateSubscription', summary: "Replace a test's subscriptions (testers of its team; others change only their own entries)" })
  @ApiNoContentResponse({ description: 'Replaced' })
  @ApiProblemResponses(400, 401, 403, 404)
  async replace(@CallerParam() caller: UserCaller, @IdParam('testId') testId: number, @Body() body: WatchDto): Promise<void> {
    await this.subscriptions.replace(caller, testId, body);
  }

  @Post(':testId/add')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'addUserOrTeam', summary: 'Subscribe yourself or one of your teams to a test, or opt out (`!__self`); answers your entries' })
  @ApiConsumes('text/plain', 'application/json')
  @ApiBody(ENTRY_BODY)
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'string' }, example: ['alice', 'perf-team'] } })
  @ApiProblemResponses(400, 401, 403, 404)
  add(@CallerParam() caller: UserCaller, @IdParam('testId') testId: number, @Body() body: unknown): Promise<string[]> {
    return this.subscriptions.add(caller, testId, destringify(body));
  }

  @Post(':testId/remove')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'removeUserOrTeam', summary: 'Remove your own or your team\'s subscription to a test, or an opt-out (`!__self`); answers your entries' })
  @ApiConsumes('text/plain', 'application/json')
  @ApiBody(ENTRY_BODY)
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'string' }, example: ['perf-team'] } })
  @ApiProblemResponses(400, 401, 403, 404)
  remove(@CallerParam() caller: UserCaller, @IdParam('testId') testId: number, @Body() body: unknown): Promise<string[]> {
    return this.subscriptions.remove(caller, testId, destringify(body));
  }
}
