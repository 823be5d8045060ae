import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type UserCaller } from '../common/db/caller';
import { destringify } from '../common/http/text-body';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { DomainError } from '../common/problem/domain-error';
import { ApiKeyRequest, ApiKeyResponse, ChangePasswordRequest, NewUser, ResetPasswordResponse, UserData } from './dto/users.dto';
import { UsersService } from './users.service';

const MEMBERS_SCHEMA = {
  type: 'object' as const,
  additionalProperties: { type: 'array' as const, items: { type: 'string' as const, enum: ['viewer', 'tester', 'uploader', 'manager'] } },
};

/** Horreum-compatible `/api/user` endpoints (paths, parameters and shapes of Horreum 0.20), plus Granary's password endpoints. */
@ApiTags('User')
@Controller('user')
export class UsersHorreumController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get('roles')
  @Access('authenticated')
  @ApiOperation({ operationId: 'getRoles', summary: 'Roles of the caller' })
  @ApiOkResponse({ type: [String] })
  @ApiProblemResponses(401)
  roles(@CallerParam() caller: UserCaller): string[] {
    return caller.roles;
  }

  @Get('teams')
  @Access('authenticated')
  @ApiOperation({ operationId: 'getTeams', summary: 'Teams the caller belongs to' })
  @ApiOkResponse({ type: [String] })
  @ApiProblemResponses(401)
  teams(@CallerParam() caller: UserCaller): string[] {
    return this.users.teams(caller);
  }

  @Get('allTeams')
  @Access('admin')
  @ApiOperation({ operationId: 'getAllTeams', summary: 'Every team (administrators)' })
  @ApiOkResponse({ type: [String] })
  @ApiProblemResponses(401, 403)
  allTeams(@CallerParam() caller: UserCaller): Promise<string[]> {
    return this.users.allTeams(caller);
  }

  @Post('team/:team')
  @Access('admin')
  @ApiOperation({ operationId: 'addTeam', summary: 'Create a team named `<name>-team` (administrators)' })
  @ApiCreatedResponse({ description: 'Created' })
  @ApiProblemResponses(400, 401, 403, 409)
  async addTeam(@CallerParam() caller: UserCaller, @Param('team') team: string): Promise<void> {
    await this.users.addTeam(caller, team);
  }

  @Delete('team/:team')
  @HttpCode(204)
  @Access('admin')
  @ApiOperation({ operationId: 'deleteTeam', summary: 'Remove a team that owns nothing (administrators)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404, 422)
  async deleteTeam(@CallerParam() caller: UserCaller, @Param('team') team: string): Promise<void> {
    await this.users.deleteTeam(caller, team);
  }

  @Get('team/:team/members')
  @Access('authenticated')
  @ApiOperation({ operationId: 'teamMembers', summary: "A team's members and their roles (its managers and administrators)" })
  @ApiOkResponse({ schema: MEMBERS_SCHEMA })
  @ApiProblemResponses(401, 403, 404)
  teamMembers(@CallerParam() caller: UserCaller, @Param('team') team: string) {
    return this.users.teamMembers(caller, team);
  }

  @Post('team/:team/members')
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateTeamMembers', summary: "Set a team's whole membership: users not named lose their roles in it" })
  @ApiBody({ schema: MEMBERS_SCHEMA })
  @ApiCreatedResponse({ description: 'Created' })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async updateTeamMembers(@CallerParam() caller: UserCaller, @Param('team') team: string, @Body() body: unknown): Promise<void> {
    await this.users.updateTeamMembers(caller, team, body);
  }

  @Post('createUser')
  @Access('authenticated')
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user, optionally in a team with roles (administrators, or managers of that team)' })
  @ApiCreatedResponse({ description: 'Created' })
  @ApiProblemResponses(400, 401, 403, 409)
  async createUser(@CallerParam() caller: UserCaller, @Body() body: NewUser): Promise<void> {
    await this.users.createUser(caller, body);
  }

  @Get('search')
  @Access('authenticated')
  @ApiOperation({ operationId: 'searchUsers', summary: 'Find users by name or e-mail (managers and administrators)' })
  @ApiOkResponse({ type: [UserData] })
  @ApiProblemResponses(401, 403)
  search(@CallerParam() caller: UserCaller, @Query('query') query?: string): Promise<UserData[]> {
    return this.users.searchUsers(caller, query ?? '');
  }

  @Post('info')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'info', summary: 'Details of the named users (managers and administrators)' })
  @ApiBody({ schema: { type: 'array', items: { type: 'string' } } })
  @ApiOkResponse({ type: [UserData] })
  @ApiProblemResponses(400, 401, 403)
  info(@CallerParam() caller: UserCaller, @Body() usernames: unknown): Promise<UserData[]> {
    return this.users.info(caller, stringList(usernames));
  }

  @Get('administrators')
  @Access('admin')
  @ApiOperation({ operationId: 'administrators', summary: 'The administrators (administrators)' })
  @ApiOkResponse({ type: [UserData] })
  @ApiProblemResponses(401, 403)
  administrators(@CallerParam() caller: UserCaller): Promise<UserData[]> {
    return this.users.administrators(caller);
  }

  @Post('administrators')
  @Access('admin')
  @ApiOperation({ operationId: 'updateAdministrators', summary: 'Set the list of administrators (administrators; you stay one)' })
  @ApiBody({ schema: { type: 'array', items: { type: 'string' } } })
  @ApiCreatedResponse({ description: 'Created' })
  @ApiProblemResponses(400, 401, 403, 422)
  async updateAdministrators(@CallerParam() caller: UserCaller, @Body() usernames: unknown): Promise<void> {
    await this.users.updateAdministrators(caller, stringList(usernames));
  }

  @Get('defaultTeam')
  @Access('authenticated')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({ operationId: 'defaultTeam', summary: "The caller's default team (owner of what it creates)" })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiProblemResponses(401)
  defaultTeam(@CallerParam() caller: UserCaller): Promise<string> {
    return this.users.defaultTeam(caller);
  }

  @Post('defaultTeam')
  @Access('authenticated')
  @ApiOperation({ operationId: 'setDefaultTeam', summary: "Set the caller's default team" })
  @ApiConsumes('text/plain')
  @ApiBody({ schema: { type: 'string' } })
  @ApiCreatedResponse({ description: 'Created' })
  @ApiProblemResponses(400, 401)
  async setDefaultTeam(@CallerParam() caller: UserCaller, @Body() team: unknown): Promise<void> {
    await this.users.setDefaultTeam(caller, destringify(team));
  }

  @Post('apikey')
  @HttpCode(200)
  @Access('authenticated')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({ operationId: 'newApiKey', summary: 'Create an API key for yourself; the key is answered once and stored only as a hash' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'HUSR_00000000_0000_0000_0000_000000000000' } })
  @ApiProblemResponses(400, 401, 403)
  newApiKey(@CallerParam() caller: UserCaller, @Body() body: ApiKeyRequest): Promise<string> {
    return this.users.newApiKey(caller, body);
  }

  @Get('apikey')
  @Access('authenticated')
  @ApiOperation({ operationId: 'apiKeys', summary: 'Your API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  @ApiProblemResponses(401)
  apiKeys(@CallerParam() caller: UserCaller): Promise<ApiKeyResponse[]> {
    return this.users.apiKeys(caller);
  }

  @Put('apikey/:id/rename')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'renameApiKey', summary: 'Rename one of your API keys' })
  @ApiConsumes('text/plain')
  @ApiBody({ schema: { type: 'string' } })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 404)
  async renameApiKey(@CallerParam() caller: UserCaller, @Param('id', ParseIntPipe) id: number, @Body() name: unknown): Promise<void> {
    await this.users.renameApiKey(caller, id, destringify(name));
  }

  @Put('apikey/:id/revoke')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke one of your API keys, for good: the next request with it is refused' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 404)
  async revokeApiKey(@CallerParam() caller: UserCaller, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.users.revokeApiKey(caller, id);
  }

  @Put('password')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'changePassword', summary: "Granary: change your own password (Granary's own users); ends your sessions" })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403)
  async changePassword(@CallerParam() caller: UserCaller, @Body() body: ChangePasswordRequest): Promise<void> {
    await this.users.changePassword(caller, body.currentPassword, body.newPassword);
  }

  @Post(':username/resetPassword')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'resetPassword', summary: "Granary: give a user a new random password, answered once (administrators, or managers of the user's team)" })
  @ApiOkResponse({ type: ResetPasswordResponse })
  @ApiProblemResponses(401, 404)
  async resetPassword(@CallerParam() caller: UserCaller, @Param('username') username: string): Promise<ResetPasswordResponse> {
    return { password: await this.users.resetPassword(caller, username) };
  }

  @Delete(':username')
  @HttpCode(204)
  @Access('admin')
  @ApiOperation({ operationId: 'removeUser', summary: 'Remove a user (administrators; not yourself)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404)
  async removeUser(@CallerParam() caller: UserCaller, @Param('username') username: string): Promise<void> {
    await this.users.removeUser(caller, username);
  }
}

function stringList(body: unknown): string[] {
  if (!Array.isArray(body) || body.some((x) => typeof x !== 'string')) {
    throw new DomainError('validation-failed', { detail: 'The body must be a JSON array of user names.' });
  }
  return body as string[];
}
