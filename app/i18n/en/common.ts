/**
 * Words used on both the tablet and the console. A message is a string, or a function of its
 * parameters when it has any; the Spanish catalogue must give the same keys with the same
 * parameters (`Messages<typeof common>`), so a missing translation does not compile.
 */
export const common = {
  'language.name': 'English',
  'language.switch': 'Language',
  'action.cancel': 'Cancel',
  'action.save': 'Save',
  'action.close': 'Close',
  'action.tryAgain': 'Try again',
  'time.justNow': 'just now',
  'time.never': 'never',
};
