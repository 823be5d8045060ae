'use client';

import { Divider, Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import UserIcon from '@patternfly/react-icons/dist/esm/icons/user-icon';
import { useRef, useState } from 'react';
import type { Account } from './account';

/**
 * The masthead's menu for the person signed in: their API keys, notification settings,
 * administration (admins), the teams they manage, and "Sign out" (a POST to the logout route, so
 * a link cannot sign anyone out).
 */
export function UserMenu({ account }: { account: Account }) {
  const [isOpen, setIsOpen] = useState(false);
  const signOutForm = useRef<HTMLFormElement>(null);

  return (
    <>
      <form ref={signOutForm} method="post" action="/auth/logout" hidden />
      <Dropdown
        isOpen={isOpen}
        onSelect={() => setIsOpen(false)}
        onOpenChange={setIsOpen}
        popperProps={{ position: 'right' }}
        toggle={(toggleRef) => (
          <MenuToggle ref={toggleRef} onClick={() => setIsOpen(!isOpen)} isExpanded={isOpen} variant="plainText" icon={<UserIcon />}>
            {account.username}
          </MenuToggle>
        )}
      >
        <DropdownList>
          <DropdownItem to="/user/api-keys" description="Keys for scripts and CI jobs">
            API keys
          </DropdownItem>
          <DropdownItem to="/user/notifications" description="Where your e-mails about tests go">
            Notification settings
          </DropdownItem>
          {account.isAdmin && (
            <DropdownItem to="/admin" description="Users and teams">
              Administration
            </DropdownItem>
          )}
          {account.managedTeams.map((team) => (
            <DropdownItem key={team} to={`/teams/${encodeURIComponent(team)}`} description="Members and their roles">
              Team {team}
            </DropdownItem>
          ))}
          <Divider component="li" />
          <DropdownItem onClick={() => signOutForm.current?.requestSubmit()}>Sign out</DropdownItem>
        </DropdownList>
      </Dropdown>
    </>
  );
}
