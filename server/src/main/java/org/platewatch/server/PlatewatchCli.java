package org.platewatch.server; public class PlatewatchCli { public static void main(String[] a){ org.springframework.boot.SpringApplication.run(PlatewatchApplication.class, a);} }
