/// The raw word lists, each in rough order of how common the entry is in news writing.
extension Lexicon {
    /// Countable nouns; an irregular plural follows a bar.
    static let countableNouns = """
        company country government market price deal plan report minister leader official year \
        economy tariff rate bank investor share export import policy industry sector firm group \
        business worker job factory plant product supplier customer consumer analyst economist \
        agreement measure rule law bill court case decision proposal move step change increase \
        decline cut rise gain loss profit sale order contract project program fund budget tax duty \
        quota ban license restriction control sanction dispute tension concern risk threat challenge \
        problem issue question effort goal target cost value level figure forecast estimate survey \
        index quarter period election vote party lawmaker parliament committee ministry agency \
        regulator authority office department union partner ally rival neighbor region city \
        province port border route shipment container vessel ship truck train railway road bridge \
        airport flight airline car vehicle battery chip phone device computer network platform \
        service system technology model tool machine engine component part material mineral metal \
        crop harvest farmer farm mine field pipeline refinery reactor grid station facility \
        warehouse store retailer brand producer manufacturer maker exporter importer buyer seller \
        trader dealer lender bond stock currency loan payment asset reserve deficit surplus \
        account statement interview speech meeting summit visit trip conference forum session \
        hearing inquiry investigation probe review audit study analysis|analyses crisis|crises \
        scheme initiative strategy framework treaty pact accord alliance coalition bloc delegation \
        envoy ambassador diplomat president chair executive director manager founder spokesperson \
        adviser lawyer judge expert researcher scientist engineer employee resident citizen voter \
        protester student family household community village town capital state nation territory \
        island coast river valley opportunity advantage benefit impact effect consequence outcome \
        result response reaction warning signal sign stage phase round term condition requirement \
        standard regulation provision clause exemption exception waiver subsidy incentive credit \
        grant reform overhaul expansion merger acquisition takeover stake bid offer listing \
        dividend shareholder board lawsuit complaint ruling appeal verdict penalty fine tribunal \
        panel council commission bureau cabinet coalition opposition campaign candidate poll \
        referendum protest strike shortage surge slump recession recovery rebound boom bubble \
        downturn slowdown outlook projection benchmark yield spread premium discount margin \
        earnings|earnings revenue|revenues deposit mortgage pension salary wage bonus price \
        commodity shipment consignment delivery backlog inventory stockpile supply|supplies \
        corridor hub zone park cluster district terminal dock canal strait channel lane \
        checkpoint crossing inspection certificate permit application filing notice deadline \
        timeline schedule calendar agenda priority option alternative scenario pathway roadmap \
        blueprint draft version update amendment revision extension suspension exemption \
        rollback increase reduction adjustment correction surprise setback breakthrough milestone \
        record high low peak trough gap divide imbalance mismatch bottleneck disruption delay \
        backlash boycott embargo blockade retaliation countermeasure escalation truce ceasefire \
        negotiation concession compromise demand request invitation proposal memorandum|memoranda \
        letter note document paper table chart dataset figure headline story article column \
        editorial broadcast channel newspaper website interviewer reporter journalist photographer
        """

    /// Nouns that are usually not counted (`growth`, `steel`).
    static let massNouns = """
        trade growth inflation demand investment energy security production manufacturing \
        steel oil gas power support pressure competition uncertainty confidence employment \
        research infrastructure shipping agriculture construction transport tourism spending \
        funding debt capital money cash insurance data information evidence access protection \
        cooperation integration diplomacy stability volatility momentum output capacity \
        productivity consumption migration labor income wealth poverty progress innovation \
        electricity aluminum copper lithium coal rice wheat corn sugar coffee cotton timber \
        housing healthcare education defense unemployment opposition criticism interest \
        leverage liquidity revenue profitability governance oversight transparency compliance \
        enforcement scrutiny regulation protectionism globalization sovereignty independence
        """

    /// Nouns used in front of other nouns (`trade talks`, `steel exports`).
    static let modifierNouns = """
        trade steel energy export import tax price border security labor market bank government \
        industry supply auto chip solar farm oil gas power bond currency shipping defense budget \
        policy customs tariff investment consumer technology food housing rail port mining health \
        water climate carbon battery data pension retail factory freight cargo aviation telecom
        """

    /// Adjectives.
    static let adjectives = """
        new economic global national foreign international political financial domestic local \
        regional public major key strategic commercial industrial agricultural military federal \
        central official senior former recent current previous annual monthly quarterly early \
        late final initial long short high low strong weak large small significant substantial \
        modest sharp steep slight gradual rapid slow broad narrow wide full partial total overall \
        average net real direct indirect potential possible likely clear uncertain difficult \
        important critical crucial essential necessary additional further separate joint \
        bilateral multilateral unilateral temporary permanent provisional formal informal legal \
        unfair fair free open private independent competitive sustainable digital electric \
        nuclear renewable green clean advanced sensitive rare raw heavy cheap expensive costly \
        affordable stable volatile fragile resilient robust tight tough strict aggressive cautious \
        optimistic pessimistic positive negative mixed neutral popular controversial contentious \
        sweeping ambitious limited broader wider larger bigger higher lower stronger weaker faster \
        slower coastal northern southern eastern western rural urban remote neighboring allied \
        rival emerging developing developed leading largest biggest main primary secondary \
        similar different various numerous growing rising falling declining shrinking widening \
        ongoing upcoming planned proposed expected unexpected sudden long-term short-term \
        state-owned export-oriented record unprecedented preliminary revised detailed brief
        """

    /// Verbs that take an object; irregular forms as `base|past|participle`.
    static let transitiveVerbs = """
        announce raise cut|cut|cut approve reject delay extend expand reduce increase impose lift \
        suspend review sign propose introduce block back support criticize target face boost end \
        launch open close build|built|built buy|bought|bought sell|sold|sold win|won|won \
        lose|lost|lost hold|held|held lead|led|led set|set|set make|made|made take|took|taken \
        seek|sought|sought keep|kept|kept pay|paid|paid send|sent|sent spend|spent|spent \
        bring|brought|brought find|found|found plan|planned|planned stop|stopped|stopped halt \
        restrict limit tighten ease loosen revise adjust update confirm deny dismiss welcome \
        condemn defend challenge question investigate examine assess monitor track study consider \
        discuss debate negotiate finalize complete secure obtain receive request demand require \
        allow permit prevent avoid address tackle resolve settle accept acknowledge reverse \
        scrap|scrapped|scrapped abandon postpone accelerate strengthen weaken protect promote \
        encourage attract finance fund subsidize produce manufacture supply deliver develop design \
        test deploy acquire hire employ train replace restructure overhaul reveal publish release \
        issue file submit unveil outline detail highlight signal pressure cap|capped|capped curb \
        trim|trimmed|trimmed freeze|froze|frozen shut|shut|shut forecast|forecast|forecast upgrade \
        downgrade
        """

    /// Verbs for quantities that go up or down, without an object.
    static let changeVerbs = """
        rise|rose|risen fall|fell|fallen grow|grew|grown climb drop|dropped|dropped \
        slip|slipped|slipped surge decline rebound recover slow stall ease soar plunge tumble \
        shrink|shrank|shrunk widen narrow increase decrease expand contract jump
        """

    /// Adverbs.
    static let adverbs = """
        also still already again further recently largely mostly sharply slightly significantly \
        quickly slowly steadily gradually formally publicly privately jointly broadly directly \
        effectively eventually immediately initially officially reportedly temporarily partly \
        fully widely closely strongly heavily firmly repeatedly previously
        """

    /// Prepositions that can stand before a noun phrase.
    static let prepositions = """
        in
        on
        for
        with
        from
        over
        after
        amid
        across
        against
        despite
        during
        under
        before
        within
        ahead of
        following
        through
        toward
        beyond
        """

    /// Time expressions.
    static let timePhrases = """
        last year
        this year
        last week
        earlier this month
        in recent months
        in the first quarter
        last month
        in the coming weeks
        by the end of the year
        over the next five years
        in the second quarter
        since the start of the year
        earlier this year
        in the third quarter
        next year
        over the past decade
        in the fourth quarter
        later this month
        """

    /// Ways of saying who said something, at the end of a sentence.
    static let attributions = """
        officials said
        analysts said
        the ministry said in a statement
        people familiar with the matter said
        according to official data
        a spokesperson said
        economists said
        the report said
        according to a government statement
        industry groups said
        the company said
        according to local media
        diplomats said
        according to a person briefed on the talks
        traders said
        """

    /// Words that open a sentence, before a comma.
    static let openers = """
        However
        Meanwhile
        At the same time
        Separately
        In addition
        Still
        As a result
        For now
        Earlier
        In contrast
        By comparison
        Even so
        In a statement
        Last year
        """

    /// Conjunctions joining two clauses.
    static let conjunctions = """
        and
        but
        while
        as
        after
        even as
        although
        because
        """

    /// Plural groups that act without being named (`analysts`, `industry groups`).
    static let groups = """
        officials
        analysts
        economists
        investors
        traders
        lawmakers
        exporters
        manufacturers
        diplomats
        business leaders
        farmers
        unions
        regulators
        industry groups
        importers
        consumers
        """

    /// Goods and sectors that trade measures and claims are about.
    static let products = """
        steel
        aluminum
        electric vehicles
        semiconductors
        solar panels
        lithium-ion batteries
        rare earth magnets
        soybeans
        pork
        beef
        wine
        dairy products
        rice
        wheat
        sugar
        coffee
        cotton
        textiles
        footwear
        furniture
        plywood
        ceramic tiles
        glass
        fertilizers
        chemicals
        pharmaceuticals
        medical devices
        smartphones
        laptops
        memory chips
        chipmaking equipment
        machine tools
        auto parts
        tires
        steel pipes
        copper
        nickel
        cobalt
        graphite
        gallium
        germanium
        polysilicon
        wind turbines
        ships
        aircraft parts
        drones
        shrimp
        fruit
        vegetables
        palm oil
        crude oil
        liquefied natural gas
        coal
        timber
        cement
        toys
        bicycles
        washing machines
        televisions
        cosmetics
        """
}
