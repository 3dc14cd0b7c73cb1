/* test-credentials.c — the token in the keyring
 *
 * Run by run-with-keyring.sh (which sets OKC_TEST_KEYRING), it talks to a real
 * gnome-keyring in a throw-away D-Bus session. Run without it, it points D-Bus nowhere
 * and checks the error the UI shows when no keyring can remember the sign-in.
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-credentials.h"
#include "okc-test-util.h"

#define BACKEND "http://127.0.0.1:8765"
#define EMAIL "alex.rivera@ok2charge.example"

static gboolean
store (OkcCredentials  *credentials,
       const char      *backend,
       const char      *email,
       const char      *token,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_credentials_store_async (credentials, backend, email, token, NULL, okc_test_result_cb,
                               &result);
  okc_test_wait_for_result (&result);
  return okc_credentials_store_finish (credentials, result, error);
}

static void
store_ok (OkcCredentials *credentials,
          const char     *backend,
          const char     *email,
          const char     *token)
{
  g_autoptr(GError) error = NULL;
  gboolean stored = store (credentials, backend, email, token, &error);

  g_assert_no_error (error);
  g_assert_true (stored);
}

static char *
lookup (OkcCredentials  *credentials,
        const char      *backend,
        const char      *email,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_credentials_lookup_async (credentials, backend, email, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_credentials_lookup_finish (credentials, result, error);
}

static gboolean
clear (OkcCredentials  *credentials,
       const char      *backend,
       const char      *email,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_credentials_clear_async (credentials, backend, email, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_credentials_clear_finish (credentials, result, error);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(OkcCredentials) credentials = okc_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  /* Nothing yet: no token, and no error. */
  token = lookup (credentials, BACKEND, EMAIL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  store_ok (credentials, BACKEND, EMAIL, "first-token");
  token = lookup (credentials, BACKEND, EMAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "first-token");
  g_clear_pointer (&token, g_free);

  /* A new sign-in replaces the old token of the same account… */
  store_ok (credentials, BACKEND, EMAIL, "second-token");
  token = lookup (credentials, BACKEND, EMAIL, &error);
  g_assert_cmpstr (token, ==, "second-token");
  g_clear_pointer (&token, g_free);

  /* …and leaves other accounts and backends alone. */
  store_ok (credentials, BACKEND, "sam.okafor@ok2charge.example", "sams-token");
  store_ok (credentials, "https://support.ok2charge.example", EMAIL, "prod-token");
  token = lookup (credentials, BACKEND, EMAIL, &error);
  g_assert_cmpstr (token, ==, "second-token");
  g_clear_pointer (&token, g_free);

  g_assert_true (clear (credentials, BACKEND, EMAIL, &error));
  g_assert_no_error (error);
  token = lookup (credentials, BACKEND, EMAIL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  token = lookup (credentials, BACKEND, "sam.okafor@ok2charge.example", &error);
  g_assert_cmpstr (token, ==, "sams-token");
  g_clear_pointer (&token, g_free);
  token = lookup (credentials, "https://support.ok2charge.example", EMAIL, &error);
  g_assert_cmpstr (token, ==, "prod-token");
  g_clear_pointer (&token, g_free);

  /* Forgetting what is not remembered is fine. */
  g_assert_true (clear (credentials, BACKEND, EMAIL, &error));
  g_assert_no_error (error);
}

static void
test_no_keyring (void)
{
  g_autoptr(OkcCredentials) credentials = okc_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_false (store (credentials, BACKEND, EMAIL, "a-token", &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NO_KEYRING);
  g_test_message ("store: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "No keyring is available to remember your "
                                                   "sign-in; you will need to sign in again "
                                                   "next time"));
  g_clear_error (&error);

  token = lookup (credentials, BACKEND, EMAIL, &error);
  g_assert_null (token);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NO_KEYRING);
  g_clear_error (&error);

  g_assert_false (clear (credentials, BACKEND, EMAIL, &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NO_KEYRING);
}

static void
test_cancelled (void)
{
  g_autoptr(OkcCredentials) credentials = okc_credentials_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  okc_credentials_store_async (credentials, BACKEND, EMAIL, "a-token", cancellable,
                               okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_false (okc_credentials_store_finish (credentials, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  gboolean with_keyring = g_getenv ("OKC_TEST_KEYRING") != NULL;
  int status;

  if (!with_keyring)
    {
      /* No session bus at all: the situation of a bare SSH login or a minimal container. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/okc-test-no-bus", TRUE);
      g_unsetenv ("DISPLAY");
    }

  g_test_init (&argc, &argv, NULL);

  if (with_keyring)
    g_test_add_func ("/Okc/Client/credentials/store-lookup-clear", test_store_lookup_clear);
  else
    g_test_add_func ("/Okc/Client/credentials/no-keyring", test_no_keyring);
  g_test_add_func ("/Okc/Client/credentials/cancelled", test_cancelled);

  status = g_test_run ();
  secret_service_disconnect ();
  return status;
}
