// The insights page (docs/analytics.md): signs in with the OpenID Connect authorization code flow and PKCE
// (a public client, no secret), then draws the analytics API's figures with Apache ECharts. The token stays in
// this tab's sessionStorage; the API decides what its holder may see.
'use strict';

(() => {
    const REDIRECT_URI = new URL('/insights/', location.origin).href;
    const TOKEN = 'insights.token';
    const PENDING = 'insights.pending';
    const message = document.getElementById('message');
    const signInButton = document.getElementById('sign-in');

    class Refused extends Error {
    }

    class SignedOut extends Error {
    }

    function say(text, refused = false) {
        message.textContent = text;
        message.classList.toggle('refused', refused);
    }

    function base64url(bytes) {
        return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function randomString() {
        return base64url(crypto.getRandomValues(new Uint8Array(32)));
    }

    async function json(url, init) {
        const response = await fetch(url, init);
        if (!response.ok) {
            throw new Error(`${url}: HTTP ${response.status}`);
        }
        return response.json();
    }

    async function signIn(settings, provider) {
        const verifier = randomString();
        const state = randomString();
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
        sessionStorage.setItem(PENDING, JSON.stringify({verifier, state}));
        const authorize = new URL(provider.authorization_endpoint);
        authorize.search = new URLSearchParams({
            response_type: 'code',
            client_id: settings.clientId,
            scope: settings.scope,
            redirect_uri: REDIRECT_URI,
            code_challenge: base64url(new Uint8Array(digest)),
            code_challenge_method: 'S256',
            state,
        }).toString();
        location.assign(authorize.href);
    }

    /** Back from the provider with a code: trade it for an access token, once. */
    async function finishSignIn(settings, provider, query) {
        const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
        sessionStorage.removeItem(PENDING);
        history.replaceState(null, '', REDIRECT_URI);
        if (query.has('error')) {
            throw new Error(`The identity provider refused: ${query.get('error_description') || query.get('error')}`);
        }
        if (!pending || pending.state !== query.get('state')) {
            throw new Error('This sign-in was not started here; sign in again.');
        }
        const tokens = await json(provider.token_endpoint, {
            method: 'POST',
            headers: {'Content-Type': 'application/x-www-form-urlencoded'},
            body: new URLSearchParams({
                grant_type: 'authorization_code',
                client_id: settings.clientId,
                code: query.get('code'),
                code_verifier: pending.verifier,
                redirect_uri: REDIRECT_URI,
            }),
        });
        sessionStorage.setItem(TOKEN, tokens.access_token);
    }

    /** Only to greet the user: the services check the token, the page never trusts it. */
    function nameIn(token) {
        try {
            const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
            return claims.name || claims.preferred_username || claims.sub;
        } catch (e) {
            return 'someone';
        }
    }

    async function analytics(token, path) {
        const response = await fetch(`/api/analytics/${path}`, {headers: {Authorization: `Bearer ${token}`}});
        if (response.status === 401) {
            throw new SignedOut();
        }
        if (response.status === 403) {
            throw new Refused();
        }
        if (!response.ok) {
            throw new Error(`/api/analytics/${path}: HTTP ${response.status}`);
        }
        return response.json();
    }

    function day(start) {
        return start.substring(0, 10);
    }

    function columns(buckets, label) {
        return {
            tooltip: {trigger: 'axis', renderMode: 'richText'},
            grid: {left: 8, right: 16, top: 16, bottom: 8, containLabel: true},
            xAxis: {type: 'category', data: buckets.map(bucket => label(bucket.start))},
            yAxis: {type: 'value', minInterval: 1},
            series: [{type: 'bar', name: 'count', data: buckets.map(bucket => bucket.count)}],
        };
    }

    function ranking(entries) {
        const top = entries.slice().reverse();
        return {
            tooltip: {trigger: 'axis', renderMode: 'richText'},
            grid: {left: 8, right: 24, top: 8, bottom: 24, containLabel: true},
            xAxis: {type: 'value', minInterval: 1},
            yAxis: {type: 'category', data: top.map(entry => entry.value), axisLabel: {width: 180, overflow: 'truncate'}},
            series: [{type: 'bar', name: 'count', data: top.map(entry => entry.count)}],
        };
    }

    function searches(all, nothingFound) {
        return {
            tooltip: {trigger: 'axis', renderMode: 'richText'},
            legend: {bottom: 0},
            grid: {left: 8, right: 16, top: 16, bottom: 40, containLabel: true},
            xAxis: {type: 'category', data: all.buckets.map(bucket => day(bucket.start))},
            yAxis: {type: 'value', minInterval: 1},
            series: [
                {type: 'line', name: 'all', data: all.buckets.map(bucket => bucket.count)},
                {type: 'line', name: 'found nothing', data: nothingFound.buckets.map(bucket => bucket.count)},
            ],
        };
    }

    function funnel(figures) {
        const rate = figures.attendanceRate === undefined ? 'no seat taken yet'
            : `attendance ${Math.round(figures.attendanceRate * 100)} %`;
        return {
            title: {text: `${figures.communityEvents} community event${figures.communityEvents === 1 ? '' : 's'}, ${rate}`,
                left: 'center',
                textStyle: {fontSize: 13, fontWeight: 'normal'}},
            tooltip: {trigger: 'item', renderMode: 'richText'},
            series: [{
                type: 'funnel', name: 'attendance', top: 40, bottom: 8, left: '10%', width: '55%', sort: 'none',
                label: {formatter: '{b}: {c}'},
                data: [
                    {name: 'RSVPs', value: figures.rsvps},
                    {name: 'seats taken', value: figures.seatsTaken},
                    {name: 'checked in', value: figures.checkedIn},
                ],
            }],
        };
    }

    function draw(id, option) {
        const chart = echarts.init(document.getElementById(id));
        // figures, not a show: drawn at once
        chart.setOption({animation: false, ...option});
        return chart;
    }

    async function showCharts(token) {
        say('Loading the figures…');
        const [members, communityEvents, allSearches, nothingFound, queries, zeroResults, tags, attendance] =
            await Promise.all([
                'series/members-registered?interval=month',
                'series/community-events-created?interval=week',
                'series/searches?interval=day',
                'series/searches?interval=day&zeroResults=true',
                'top/search-queries?size=10',
                'top/zero-result-queries?size=10',
                'top/community-event-tags?size=10',
                'funnels/attendance',
            ].map(path => analytics(token, path)));
        document.getElementById('charts').hidden = false;
        const charts = [
            draw('members-registered', columns(members.buckets, start => start.substring(0, 7))),
            draw('community-events-created', columns(communityEvents.buckets, day)),
            draw('searches', searches(allSearches, nothingFound)),
            draw('top-search-queries', ranking(queries.entries)),
            draw('top-zero-result-queries', ranking(zeroResults.entries)),
            draw('top-community-event-tags', ranking(tags.entries)),
            draw('attendance-funnel', funnel(attendance)),
        ];
        window.addEventListener('resize', () => charts.forEach(chart => chart.resize()));
        say('');
    }

    async function main() {
        const settings = await json('/insights/sign-in');
        if (!settings.clientId) {
            say('Sign-in is not configured here: the query-side needs AIC_INSIGHTS_CLIENT_ID, a public client of '
                + 'the identity provider (docs/configuration.md).', true);
            return;
        }
        const provider = await json(`${settings.issuer}/.well-known/openid-configuration`);
        const query = new URLSearchParams(location.search);
        if (query.has('code') || query.has('error')) {
            await finishSignIn(settings, provider, query);
        }
        const token = sessionStorage.getItem(TOKEN);
        const offerSignIn = text => {
            say(text);
            signInButton.hidden = false;
            signInButton.addEventListener('click', () => signIn(settings, provider).catch(failed));
        };
        if (!token) {
            offerSignIn('Sign in as an analyst to see the platform\'s figures.');
            return;
        }
        document.getElementById('who').textContent = `Signed in as ${nameIn(token)}`;
        try {
            await showCharts(token);
        } catch (e) {
            if (e instanceof Refused) {
                say(`Not allowed: ${nameIn(token)} may not see the platform's figures. The insights page is for `
                    + 'analysts, auditors and administrators (role ANALYST, AUDITOR or ADMIN).', true);
            } else if (e instanceof SignedOut) {
                sessionStorage.removeItem(TOKEN);
                offerSignIn('Your sign-in has expired.');
            } else {
                throw e;
            }
        }
    }

    function failed(error) {
        say(`Something went wrong: ${error.message}`, true);
        console.error(error);
    }

    main().catch(failed);
})();
