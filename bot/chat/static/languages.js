// The page's own words in the five languages, and how the page learns which one the person uses.
//
// The REST replies do not name their language, so the page learns it from what it sees: the
// language the person picked in the language menu, or else the bot's own words (its replies are
// written from the catalogs, so a handful of frequent little words tells the five apart).
// Kept apart from chat.js so the tests can check the guess against every catalog message.
"use strict";
window.PathwaysLanguages = (() => {
  const LANGUAGES = ["es", "pt", "en", "fr", "ht"];

  const LABELS = {
    es: {
      title: "Asistente de vías migratorias",
      placeholder: "Escribe tu mensaje",
      message: "Mensaje",
      send: "Enviar",
      log: "Conversación",
      restart: "Nueva conversación",
      confirm: "¿Empezar una conversación nueva? Volverás a empezar desde la primera pregunta.",
      confirmYes: "Sí, empezar de nuevo",
      confirmNo: "No, continuar",
      error: "No pude enviar tu mensaje. Inténtalo de nuevo.",
    },
    pt: {
      title: "Assistente de caminhos migratórios",
      placeholder: "Escreva sua mensagem",
      message: "Mensagem",
      send: "Enviar",
      log: "Conversa",
      restart: "Nova conversa",
      confirm: "Começar uma nova conversa? Você vai recomeçar desde a primeira pergunta.",
      confirmYes: "Sim, começar de novo",
      confirmNo: "Não, continuar",
      error: "Não consegui enviar sua mensagem. Tente de novo.",
    },
    en: {
      title: "Pathways assistant",
      placeholder: "Write your message",
      message: "Message",
      send: "Send",
      log: "Conversation",
      restart: "New conversation",
      confirm: "Start a new conversation? You will begin again from the first question.",
      confirmYes: "Yes, start again",
      confirmNo: "No, continue",
      error: "Your message could not be sent. Please try again.",
    },
    fr: {
      title: "Assistant des voies migratoires",
      placeholder: "Écrivez votre message",
      message: "Message",
      send: "Envoyer",
      log: "Conversation",
      restart: "Nouvelle conversation",
      confirm: "Commencer une nouvelle conversation ? Vous recommencerez depuis la première question.",
      confirmYes: "Oui, recommencer",
      confirmNo: "Non, continuer",
      error: "Votre message n'a pas pu être envoyé. Réessayez.",
    },
    ht: {
      title: "Asistan pou chemen migrasyon",
      placeholder: "Ekri mesaj ou",
      message: "Mesaj",
      send: "Voye",
      log: "Konvèsasyon",
      restart: "Nouvo konvèsasyon",
      confirm: "Kòmanse yon nouvo konvèsasyon? W ap rekòmanse depi premye kesyon an.",
      confirmYes: "Wi, rekòmanse",
      confirmNo: "Non, kontinye",
      error: "Mesaj ou a pa t ka pati. Eseye ankò.",
    },
  };

  // Little words frequent in one language and rare in the four others (a word shared by two, like
  // "de", "que", "la", "se" or "ou", tells nothing and is left out).
  const MARKERS = {
    es: "el los las del y usted eres tienes puedes hay pero cuándo cuando dónde donde también lo sí muy una al " +
        "esto estos tus mis escribe ningún ninguno años fecha nacionalidad tu te ti quieres estás " +
        "bien perdón sigamos permiso permisos ayuda cerca llegaste algunos algunas todavía cuál aunque ya " +
        "sin ni algún tuyo tuya niño niña vuelves miedo daño varios quienes otro otra solicitud cumples " +
        "borré entraste penales pasaporte información gracias dímelo sé fue dieron regla empecemos " +
        "volvamos intentemos escribo entendí esa ese",
    pt: "você não os do da dos das na nas e é em um uma ao com mas seu sua seus suas isso são também " +
        "quando onde pelo pela sim escreva ainda já ano anos nenhum certo vamos desculpe perto ajuda só " +
        "agora essa esse isto até alguns algumas mesmo vários apaguei autorizações telefones estes " +
        "tem foi pergunto deste destes algum recebeu criminais passaporte chegou depois nenhuma criança " +
        "cuidados terminou fechado outro filho filha mãe pai irmão voltar medo cumpre refúgio",
    en: "the you your and to of is are in it for if or this that with we can not have what when where " +
        "yes write any none has been since on i some others only people before need ask " +
        "because near about from will be",
    fr: "vous votre vos le les des du est et pour une qui pas je avec sur dans au aux ne ce cette êtes avez " +
        "pouvez où oui écrivez quand il elle mais à d l j qu c accord comment faire demande " +
        "certains autres aide urgence encore rien ont ces sont depuis",
    ht: "mwen nou yo pa nan pou ki ak gen ka li kote konn fè oswa epi lè dwe tout anvan apre wi ekri ap " +
        "paske kijan kisa kounye w m sa yon ou sanble ranpli pwogram fèmen depi sispann poko " +
        "konnen sant ede toupre kondisyon konfime mande peyi bezwen moun ankò",
  };
  const marker = new Map();
  for (const [lang, words] of Object.entries(MARKERS)) {
    for (const word of words.split(" ")) marker.set(word, lang);
  }

  /** The language a bot message is written in, or null when its words do not say clearly. */
  function guess(text) {
    const score = Object.fromEntries(LANGUAGES.map(l => [l, 0]));
    for (const word of String(text).toLowerCase().split(/[^\p{L}]+/u)) {
      const lang = marker.get(word);
      if (lang) score[lang] += 1;
    }
    const [best, second] = LANGUAGES.map(l => [score[l], l]).sort((a, b) => b[0] - a[0]);
    return best[0] >= 2 && best[0] >= 2 * second[0] ? best[1] : null;
  }

  /** The first of the browser's preferred languages that the page speaks, else `fallback`. */
  function preferred(fallback) {
    for (const tag of navigator.languages || [navigator.language || ""]) {
      const lang = String(tag).toLowerCase().split("-")[0];
      if (LANGUAGES.includes(lang)) return lang;
    }
    return fallback;
  }

  return { LANGUAGES, LABELS, guess, preferred };
})();
