// libgit2 1.5 built against mbedTLS (Debian/Ubuntu's libgit2-1.5) parses the whole system CA bundle
// (/etc/ssl/certs/ca-certificates.crt, ~140 PEM certificates) inside git_libgit2_init(): about 52 million
// instructions, more than all of `git ls-files -s` on a 20k-file repository. qik only reads local repositories and
// never opens an HTTPS stream, so that work is pure startup cost.
//
// libgit2 has no switch for it (GIT_OPT_SET_SSL_CERT_LOCATIONS needs an initialised library and re-parses), so this
// file interposes the two mbedTLS entry points libgit2 calls: the executable's definitions win the dynamic
// linker's symbol lookup over libmbedx509's. Only while qik_git_init_deferring_certificates() runs are calls
// recorded instead of executed; every other call goes straight to mbedTLS (found with dlsym(RTLD_NEXT)), and
// qik_git_load_deferred_certificates() replays the recorded ones into the same chain.
//
// With an OpenSSL build of libgit2, or where interposition does not apply (macOS two-level namespaces), nothing
// is recorded and behaviour is plain git_libgit2_init().
#if defined(__linux__)
#define _GNU_SOURCE
#endif

#include "CGitStartup.h"

#include <git2.h>

int qik_git_disable_strict_hash_verification(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

#if defined(__linux__)
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef int (*parse_fn)(void *chain, const char *path);

struct deferred { parse_fn *real; const char *symbol; void *chain; char *path; };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int deferring = 0;
static struct deferred pending[4];
static int pending_count = 0;
static parse_fn real_file = NULL, real_path = NULL;

static int forward(parse_fn *real, const char *symbol, void *chain, const char *path) {
    if (*real == NULL) *real = (parse_fn)dlsym(RTLD_NEXT, symbol);
    if (*real == NULL) return -1;
    return (*real)(chain, path);
}

static int intercept(parse_fn *real, const char *symbol, void *chain, const char *path) {
    pthread_mutex_lock(&lock);
    if (deferring && pending_count < 4 && path != NULL) {
        pending[pending_count++] = (struct deferred){ real, symbol, chain, strdup(path) };
        pthread_mutex_unlock(&lock);
        return 0;
    }
    pthread_mutex_unlock(&lock);
    return forward(real, symbol, chain, path);
}

int mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    return intercept(&real_file, "mbedtls_x509_crt_parse_file", chain, path);
}

int mbedtls_x509_crt_parse_path(void *chain, const char *path) {
    return intercept(&real_path, "mbedtls_x509_crt_parse_path", chain, path);
}

int qik_git_init_deferring_certificates(void) {
    pthread_mutex_lock(&lock);
    deferring = 1;
    pthread_mutex_unlock(&lock);
    int result = git_libgit2_init();
    pthread_mutex_lock(&lock);
    deferring = 0;
    pthread_mutex_unlock(&lock);
    return result;
}

int qik_git_load_deferred_certificates(void) {
    pthread_mutex_lock(&lock);
    int result = 0;
    for (int i = 0; i < pending_count; i++) {
        int code = forward(pending[i].real, pending[i].symbol, pending[i].chain, pending[i].path);
        if (code < 0 && result == 0) result = code;
        free(pending[i].path);
    }
    pending_count = 0;
    pthread_mutex_unlock(&lock);
    return result;
}

int qik_git_deferred_certificate_count(void) {
    pthread_mutex_lock(&lock);
    int count = pending_count;
    pthread_mutex_unlock(&lock);
    return count;
}
#else
int qik_git_init_deferring_certificates(void) { return git_libgit2_init(); }
int qik_git_load_deferred_certificates(void) { return 0; }
int qik_git_deferred_certificate_count(void) { return 0; }
#endif
