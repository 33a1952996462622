import { For } from 'solid-js';
import { Language } from '../../shared/language';
import { language, languageName, setLanguage, t } from '../i18n';

/**
 * L1: the language of this tablet until the next person signs in (whose own language then
 * applies). Each button names its language in that language, so whoever cannot read the current
 * one still finds theirs; big buttons for gloves (L2).
 */
export function LanguageSwitch() {
  return (
    <fieldset class="chips" data-testid="language-switch" style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
      <legend class="muted">{t('language.switch')}</legend>
      <For each={Language.options}>
        {(lang) => (
          <button
            type="button"
            class={`btn ${language() === lang ? 'btn-primary' : ''}`}
            lang={lang}
            aria-pressed={language() === lang}
            data-testid={`language-${lang}`}
            onClick={() => setLanguage(lang)}
          >
            {languageName(lang)}
          </button>
        )}
      </For>
    </fieldset>
  );
}
