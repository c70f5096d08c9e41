/**
 * Realistic manifests that fail many checks at once, for the patch-combination tests: fixes
 * that touch the same lists (volumes and mounts, env, containers), input fixes with placeholders,
 * fixes that create objects, and two namespaces.
 */
export const SHOP_MANIFESTS = `
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
    team: payments
spec:
  replicas: 1
  revisionHistoryLimit: 0
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/shop/migrate:latest
          command: ["sh", "-c", "./migrate up"]
      containers:
        - name: web
          image: registry.example.com/shop/web:latest
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: DATABASE_URL
              value: postgres://db.shop.svc.cluster.local:5432/shop
            - name: DB_PASSWORD
              value: hunter2-s3cr3t
            - name: LOG_LEVEL
              value: info
            - name: LOG_LEVEL
              value: debug
          livenessProbe:
            exec:
              command: ["curl", "-f", "http://localhost:8080/healthz"]
            failureThreshold: 1
          volumeMounts:
            - name: cache
              mountPath: /var/cache/web
        - name: envoy
          image: envoyproxy/envoy:v1.30.1
          readinessProbe:
            tcpSocket:
              port: admin
            timeoutSeconds: 10
            periodSeconds: 5
      volumes:
        - name: cache
          emptyDir: {}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
  labels:
    app: worker
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 100%
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: registry.example.com/shop/worker:2.3.1
          args: ["--queue=orders", "--concurrency=4"]
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              memory: 4Gi
          securityContext:
            allowPrivilegeEscalation: true
          volumeMounts:
            - name: scratch
              mountPath: /scratch
      volumes:
        - name: scratch
          emptyDir: {}
      hostNetwork: true
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ledger
  namespace: finance
spec:
  replicas: 1
  serviceName: ledger
  selector:
    matchLabels:
      app: ledger
  template:
    metadata:
      labels:
        app: ledger
    spec:
      containers:
        - name: ledger
          image: registry.example.com/finance/ledger:5.0.0
          securityContext:
            privileged: true
`;

/** The same web Deployment as a live cluster returns it: status and server-managed metadata. */
export const LIVE_WEB = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  uid: 3f1c2a9e-5d1b-4a8e-9c61-0a4f2f7f1b2c
  resourceVersion: "481516"
  generation: 7
  creationTimestamp: "2025-11-02T09:14:00Z"
  managedFields:
    - manager: kubectl-client-side-apply
      operation: Update
      apiVersion: apps/v1
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:1.4.2
          securityContext:
            allowPrivilegeEscalation: true
          volumeMounts:
            - name: cache
              mountPath: /var/cache/web
      volumes:
        - name: cache
          emptyDir: {}
status:
  replicas: 1
  readyReplicas: 1
  observedGeneration: 7
`;
