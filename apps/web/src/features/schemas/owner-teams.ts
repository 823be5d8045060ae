import 'server-only';
import { testerTeams, type Roles } from '../../lib/permissions';
import { findAllTeams } from './find-schemas';

/** The teams a person may make the owner of a schema: every team for an administrator, else the teams they test for. */
export async function findOwnerTeams(me: Roles | undefined): Promise<string[]> {
  if (!me) {
    return [];
  }
  if (me.isAdmin) {
    const all = await findAllTeams();
    if (all.isOk) {
      return all.data;
    }
  }
  return testerTeams(me.roles);
}
