// `import OAuth2Strategy from 'passport-oauth2'` in a TypeScript package compiled to CommonJS
// (passport-kakao, passport-naver-v2, …): tsc emits `__importDefault(require(...)).default`.
import OAuth2Strategy from '@passport-kit/oauth2';
import GitHubStrategy from '@passport-kit/github';

class KakaoLikeStrategy extends OAuth2Strategy {
  constructor() {
    super({ authorizationURL: 'https://kauth.example/oauth/authorize', tokenURL: 'https://kauth.example/oauth/token', clientID: 'kakao' }, () => undefined);
    this.name = 'kakao';
  }
}

const github = new GitHubStrategy({ clientID: 'id', clientSecret: 'secret' }, (_accessToken, _refreshToken, _profile, done) => done(null, {}));
console.log(JSON.stringify({ name: new KakaoLikeStrategy().name, github: github.name }));
