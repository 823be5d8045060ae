'use client';

import {
  Alert,
  Button,
  Content,
  Divider,
  Login,
  LoginForm,
  LoginHeader,
  LoginMainBody,
  LoginMainFooter,
  LoginMainFooterBandItem,
  LoginMainHeader,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { NEXT_FIELD } from './login-fields';
import type { LoginMessage } from './login-messages';
import { signIn, type LoginState } from './login.actions';
import styles from './login-view.module.css';

interface LoginViewProps {
  /** Granary's own users may sign in with a password. */
  isLocalLoginEnabled: boolean;
  /** Where "Sign in with single sign-on" starts, when an OIDC provider is configured. */
  ssoHref: string | undefined;
  /** Where to go once signed in (already sanitized). */
  next: string;
  /** Why the last single sign-on came back here, or why the sign-in options are unknown. */
  notice: LoginMessage | undefined;
}

/** The sign-in page: PatternFly's login layout with the password form and/or single sign-on. */
export function LoginView({ isLocalLoginEnabled, ssoHref, next, notice }: LoginViewProps) {
  const [state, formAction, isPending] = useActionState<LoginState, FormData>((previous, form) => {
    // LoginForm renders only its own fields, so `next` joins the form data here.
    form.set(NEXT_FIELD, next);
    return signIn(previous, form);
  }, {});
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const message = state.message ?? notice;
  const hasNoWayIn = !isLocalLoginEnabled && !ssoHref;

  return (
    <Login
      header={
        <LoginHeader
          headerBrand={
            <Link href="/" className={styles.brand}>
              Granary
            </Link>
          }
        />
      }
    >
      <LoginMainHeader>
        <Title headingLevel="h1" size="3xl">
          Sign in to Granary
        </Title>
      </LoginMainHeader>
      <LoginMainBody>
        <Stack hasGutter>
          {message && (
            <StackItem>
              <Alert variant="danger" isInline title={message.title} component="h2" aria-live="polite">
                {message.detail}
              </Alert>
            </StackItem>
          )}
          {isLocalLoginEnabled && (
            <StackItem>
              <LoginForm
                action={formAction}
                usernameLabel="User name"
                usernameValue={username}
                onChangeUsername={(_event, value) => setUsername(value)}
                isValidUsername={!state.isWrongPassword}
                passwordLabel="Password"
                passwordValue={password}
                onChangePassword={(_event, value) => setPassword(value)}
                isValidPassword={!state.isWrongPassword}
                isShowPasswordEnabled
                loginButtonLabel={isPending ? 'Signing in…' : 'Sign in'}
                isLoginButtonDisabled={isPending}
              />
            </StackItem>
          )}
          {isLocalLoginEnabled && ssoHref && (
            <StackItem>
              <Divider />
            </StackItem>
          )}
          {ssoHref && (
            <StackItem>
              {/* A plain link: the browser leaves for the identity provider and comes back. */}
              <Button component="a" href={ssoHref} variant={isLocalLoginEnabled ? 'secondary' : 'primary'} isBlock>
                Sign in with single sign-on
              </Button>
            </StackItem>
          )}
          {hasNoWayIn && (
            <StackItem>
              <Content component="p">
                Neither password sign-in nor single sign-on is turned on here. An administrator sets
                GRANARY_LOCAL_LOGIN or OIDC_ISSUER_URL.
              </Content>
            </StackItem>
          )}
        </Stack>
      </LoginMainBody>
      <LoginMainFooter
        signUpForAccountMessage={
          <LoginMainFooterBandItem>
            Public tests, runs and reports need no account: <Link href="/">browse without signing in</Link>.
          </LoginMainFooterBandItem>
        }
      />
    </Login>
  );
}
