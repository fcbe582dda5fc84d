// Signs in to a running app over HTTP as a browser would (form token, then the form), for the load generator's cookie.
export interface HttpSession {
  cookie: string;
}

function sessionCookieOf(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith('frontline.sid='));
}

export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<HttpSession> {
  const form = await fetch(`${baseUrl}/sign-in`);
  const firstCookie = sessionCookieOf(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!firstCookie || !token) throw new Error('The sign-in page gave no session or form token.');
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: firstCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password }),
  });
  const cookie = sessionCookieOf(response);
  if (response.status !== 303 || !cookie) throw new Error(`Signing in as ${email} answered ${response.status}.`);
  return { cookie };
}
