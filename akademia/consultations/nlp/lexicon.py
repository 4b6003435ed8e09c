"""A curated lexicon per block, drawn from the block definitions of the 2017 consultations.

Word and character n-grams learn what the training texts say; the lexicon states what each
block is *about*, in words an official may use that no training comment happened to contain
("liczebność", "rotacyjnie", "sprofilować", "kwartał"). The feature counts, per block, how many
of a comment's lemmas belong to that block's lexicon; the classifier learns how much each
count is worth, so a lexicon word shared by two blocks ("kierownik": audience and teams) does
no harm.

Entries are ordinary Polish words; they are lemmatised and folded with the model's own
normaliser when the model is fitted (the lookup tables are pickled with the model, so
predicting costs a dictionary lookup per token). An entry of two words matches two
consecutive lemmas; an entry ending in `*` matches every lemma containing it (derivations such
as "dwudniowy", "trzyosobowy", "dwudziestoosobowy" are open-ended).

Sources: the block names and descriptions in the consultation report (konsultacje programów
JST, 2017: "wielkość i skład grup szkoleniowych", "wielkość i skład zespołów z JST", "długość i
czas realizacji", "liczba i częstość modułów", "dni i godziny zjazdów", "zadania do realizacji
w siedzibie jednostek (praca między zjazdami)", "sprofilowanie ze względu na odbiorców (kadra
kierownicza / pracownicy operacyjni)") and the boundaries in docs/classifier.md, expanded with
synonyms and the usual vocabulary of Polish local government. Written from those definitions,
not from the evaluation sets.
"""

from __future__ import annotations

import numpy as np

from .blocks import BLOCKS
from .normalize import TIME_TOKEN, Normalizer, fold, tokenize

LEXICON: dict[str, str] = {
    "concept": """
        koncepcja idea pomysł założenie filozofia wizja sens cel celowość akademia całość
        przedsięwzięcie inicjatywa podejście kierunek uzasadnienie spójność spójny
        diagnoza trwałość rezultat efekt skuteczność wartość certyfikat zaświadczenie dyplom
        uprawnienie kwalifikacja ogólnie generalnie zasadniczy szkoleniowo-doradczy doradztwo
        odgórny odgórnie model
    """,
    "scope": """
        zakres tematyka temat treść zagadnienie problematyka szczegółowość szczegółowy
        ogólnikowy ogólnik hasłowo powierzchowny płytki głęboko pogłębić rozszerzyć uzupełnić
        dodać dopisać pominąć pominięty usunąć wykreślić skrócić rozdział dziedzina
        zamówienie ustawa przepis prawo finanse budżet podatek opłata dotacja fundusz
        inwestycja strategia planowanie przestrzenny odpad środowisko RODO dane oświata
        pomoc społeczny kontrola zarządczy audyt rewitalizacja nieruchomość mienie
        archiwizacja kancelaryjny e-usługa ePUAP BIP kadrowy podatkowy sprawozdawczość
        zamówienia_publiczne
    """,
    "audience": """
        odbiorca adresat adresować adresowany profil sprofilować sprofilowanie profilowanie
        kadra kierowniczy zarządzający kierownictwo decydent decyzyjny operacyjny wykonawczy
        wykonawca merytoryczny szeregowy stanowisko poziom zaawansowanie zaawansowany
        początkujący podstawowy doświadczony nowicjusz stażysta staż referent podinspektor
        inspektor urzędnik ścieżka wariant wersja dopasować dostosować rola funkcja
        zróżnicować rozdzielić osobno oddzielnie odrębny
    """,
    "methods": """
        metoda forma formuła warsztat warsztatowy wykład wykładowy ćwiczenie praktyczny
        case study studium przypadek symulacja symulacyjny gra odgrywanie rola e-learning
        webinar online internet zdalny stacjonarny trener prowadzący wykładowca praktyk
        ekspert wizyta studyjny coaching coach mentoring mentor superwizja dyskusja
        moderować prezentacja slajd multimedialny materiał wzór checklista narzędzie test
        aktywizujący aktywny film wymiana doświadczenie interaktywny
    """,
    "intersession": """
        zadanie praca własny domowy między pomiędzy wdrożenie wdrożeniowy wdrażać wdrożyć
        siedziba doradca wsparcie wspierać konsultacja informacja zwrotny
        feedback sprawdzać weryfikować ocenić platforma opiekun dyżur monitorować postęp
        wykonać wykonanie wykonywać odrabiać raport zarządzenie regulamin wypracować
    """,
    "organisation.groups": """
        grupa grupowy szkoleniowy liczebność liczny uczestnik sala skład mieszany
        mieszać łączyć jednorodny homogeniczny heterogeniczny zróżnicowany wiejski miejski
        miejsko-wiejski powiatowy typ rodzaj region regionalnie subregion województwo
        sąsiedni sąsiadujący maksymalnie minimum maksimum tłum kilkanaście dwudziestu
        kilkunastu dobór dobierać wielkość osobowy*
    """,
    "organisation.teams": """
        zespół zespołowy delegować oddelegować wydelegować delegowanie wysłać puścić członek
        skład osobowy sekretarz skarbnik wójt burmistrz starosta zastępca informatyk
        kierownik naczelnik zastępstwo zastąpić wymienić wymiana rotacyjny rotacyjnie
        przekrojowy referat wydział komórka decyzyjny wskazać
        jednoosobowy dwuosobowy trzyosobowy czteroosobowy pięcioosobowy osobowy*
    """,
    "organisation.duration": """
        długość trwanie trwać miesiąc miesięcy rok półrocze kwartał
        wakacje wakacyjny lato letni urlop urlopowy jesień jesienny zima zimowy wiosna
        wiosenny sezon sezonowy wybory wyborczy kampania kadencja budżetowy grudzień
        styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik
        listopad cykl rozpocząć zakończyć skończyć łącznie horyzont
    """,
    "organisation.modules": """
        moduł zjazd zjazdów spotkanie ilość częstość częstotliwość często częsty
        rzadko rzadki jednodniowy dwudniowy trzydniowy czterodniowy wielodniowy
        odstęp rytm nocleg nocować tygodnie dniowy*
    """,
    "organisation.schedule": """
        poniedziałek wtorek środa czwartek piątek piątki soboty sobota niedziela weekend weekendowy
        sobotni godzina rano poranny popołudnie popołudniowy wieczór wieczorny zmrok
        zaczynać rozpoczynać kończyć rozpoczęcie obiad obiadowy sesja_rady komisja święto
        świąteczny ferie dojazd dojechać autobus _time_
    """,
}

# An entry ending in this matches every lemma that contains it (open-ended derivations).
_PREFIX_SUFFIX = "*"


class LexiconFeatures:
    """Scikit-learn transformer: per block, log(1 + lexicon hits) of a comment's lemmas.

    Hits are counted on single lemmas, on two consecutive lemmas (entries of two words) and on
    stems (entries ending in `*`, matched anywhere in the lemma). Ten dense columns in BLOCKS
    order, returned sparse so the feature union stays sparse.
    """

    def __init__(self, normalizer: Normalizer, weight: float = 1.0) -> None:
        self.normalizer = normalizer
        self.weight = weight

    # scikit-learn's clone/get_params protocol, without inheriting BaseEstimator (keeps the
    # import of scikit-learn out of this module).
    def get_params(self, deep: bool = True) -> dict:
        return {"normalizer": self.normalizer, "weight": self.weight}

    def set_params(self, **params) -> LexiconFeatures:
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def _lemma_of_entry(self, word: str) -> str:
        tokens = tokenize(word.lower())
        return " ".join(self.normalizer.lemma(token) for token in tokens) if tokens else ""

    def fit(self, texts, labels=None) -> LexiconFeatures:
        unigrams: dict[str, list[int]] = {}
        bigrams: dict[str, list[int]] = {}
        prefixes: list[tuple[str, int]] = []
        for column, block in enumerate(BLOCKS):
            for entry in LEXICON[block].split():
                if entry == TIME_TOKEN:
                    unigrams.setdefault(entry, []).append(column)
                    continue
                if entry.endswith(_PREFIX_SUFFIX):
                    prefixes.append((fold(entry[:-1].lower()), column))
                    continue
                lemma = self._lemma_of_entry(entry.replace("_", " "))
                if not lemma:
                    continue
                table = bigrams if " " in lemma else unigrams
                if column not in table.setdefault(lemma, []):
                    table[lemma].append(column)
        self.unigrams_ = unigrams
        self.bigrams_ = bigrams
        self.prefixes_ = prefixes
        return self

    def _columns(self, lemma: str) -> list[int]:
        columns = self.unigrams_.get(lemma)
        if columns is not None:
            return columns
        return [column for prefix, column in self.prefixes_ if prefix in lemma]

    def transform(self, texts):
        """Sparse (n, 10) matrix; scipy is imported here, like scikit-learn in model.py, so that
        processes that never classify do not pay for it at start."""
        import scipy.sparse as sp

        counts = np.zeros((len(texts), len(BLOCKS)), dtype=np.float64)
        for row, text in enumerate(texts):
            lemmas = self.normalizer.lemmas(text)
            for lemma in lemmas:
                for column in self._columns(lemma):
                    counts[row, column] += 1.0
            for first, second in zip(lemmas, lemmas[1:], strict=False):
                for column in self.bigrams_.get(f"{first} {second}", ()):
                    counts[row, column] += 1.0
        return sp.csr_matrix(np.log1p(counts) * self.weight)

    def fit_transform(self, texts, labels=None):
        return self.fit(texts, labels).transform(texts)
