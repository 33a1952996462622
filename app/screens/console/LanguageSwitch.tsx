import { For } from 'solid-js';
import { Language } from '../../../shared/language';
import { language, languageName, setLanguage, t } from '../../i18n';

/** Each language named in itself ("Español"), so a person who cannot read the current one still finds theirs. */
export function LanguageOptions() {
  return <For each={Language.options}>{(l) => <option value={l}>{languageName(l)}</option>}</For>;
}

/** A language picked from a select (L1, L2: 48 px); `label` names whose language it is. */
export function LanguageSelect(props: { id: string; testid: string; value: Language; label: string; onChange: (l: Language) => void; hideLabel?: boolean }) {
  return (
    <>
      <label for={props.id} class={props.hideLabel ? 'sr-only' : undefined}>
        {props.label}
      </label>
      <select
        id={props.id}
        data-testid={props.testid}
        style={props.hideLabel ? { 'min-height': '48px', width: 'auto', 'min-width': '8.5em' } : { 'min-height': '48px' }}
        value={props.value}
        onChange={(e) => {
          const v = Language.safeParse(e.currentTarget.value);
          if (v.success) props.onChange(v.data);
        }}
      >
        <LanguageOptions />
      </select>
    </>
  );
}

/** The sign-in form's switch: the console speaks the picked language until someone signs in. */
export function LanguageSwitch() {
  return <LanguageSelect id="console-language" testid="console-language" value={language()} label={t('language.switch')} onChange={setLanguage} />;
}
