/* Preloaded into the AddressSanitizer test run (tests/sanitize/run.sh asan): dlclose does nothing, so the plugins Qt,
 * Mesa and OpenMPI load stay mapped until the process exits. LeakSanitizer looks at the heap at exit; a block only an
 * unloaded plugin's globals pointed to would read as a leak allocated in "<unknown module>", which no suppression can
 * name. Kept mapped, such blocks are reachable again, and whatever a library does leak has a module name that
 * lsan.supp can match. Not part of any product build. */
int dlclose(void* handle) {
  (void)handle;
  return 0;
}
